-- CreateTable
CREATE TABLE "ContactVerification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "verifiedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ContactVerification_userId_channel_createdAt_idx" ON "ContactVerification"("userId", "channel", "createdAt");
