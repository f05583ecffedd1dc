-- AlterTable
ALTER TABLE "AlertmanagerAlert" ADD COLUMN     "correlationKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "followUp" TEXT;

-- CreateTable
CREATE TABLE "AlertCorrelation" (
    "key" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertCorrelation_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AlertmanagerAlert_correlationKey_status_idx" ON "AlertmanagerAlert"("correlationKey", "status");

-- CreateIndex
CREATE INDEX "AlertmanagerAlert_followUp_idx" ON "AlertmanagerAlert"("followUp");

-- CreateIndex
CREATE INDEX "AlertmanagerAlert_status_startsAt_idx" ON "AlertmanagerAlert"("status", "startsAt");

-- Existing alerts correlate by their alertname
UPDATE "AlertmanagerAlert" SET "correlationKey" = "alertname";
