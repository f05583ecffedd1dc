-- CreateTable
CREATE TABLE "AckLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "incidentId" INTEGER,
    "stepKey" TEXT,
    "userId" TEXT,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT,
    "usedVia" TEXT
);

-- CreateTable
CREATE TABLE "InboundReplay" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AckLink_channel_target_idx" ON "AckLink"("channel", "target");

-- CreateIndex
CREATE INDEX "AckLink_userId_purpose_idx" ON "AckLink"("userId", "purpose");
