-- CreateTable
CREATE TABLE "AckLink" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "incidentId" INTEGER,
    "stepKey" TEXT,
    "userId" TEXT,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,
    "usedVia" TEXT,

    CONSTRAINT "AckLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundReplay" (
    "key" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundReplay_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AckLink_channel_target_idx" ON "AckLink"("channel", "target");

-- CreateIndex
CREATE INDEX "AckLink_userId_purpose_idx" ON "AckLink"("userId", "purpose");
