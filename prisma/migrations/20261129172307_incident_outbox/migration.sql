-- CreateTable
CREATE TABLE "IncidentOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "timelineEventId" TEXT,
    "payload" JSONB NOT NULL,
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "availableAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "processedAt" DATETIME,
    "processedBy" TEXT
);

-- CreateIndex
CREATE INDEX "IncidentOutbox_processedAt_availableAt_idx" ON "IncidentOutbox"("processedAt", "availableAt");

-- CreateIndex
CREATE INDEX "IncidentOutbox_incidentId_idx" ON "IncidentOutbox"("incidentId");
