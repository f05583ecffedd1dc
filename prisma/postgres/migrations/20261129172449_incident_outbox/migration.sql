-- CreateTable
CREATE TABLE "IncidentOutbox" (
    "id" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "timelineEventId" TEXT,
    "payload" JSONB NOT NULL,
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "processedBy" TEXT,

    CONSTRAINT "IncidentOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentOutbox_processedAt_availableAt_idx" ON "IncidentOutbox"("processedAt", "availableAt");

-- CreateIndex
CREATE INDEX "IncidentOutbox_incidentId_idx" ON "IncidentOutbox"("incidentId");
