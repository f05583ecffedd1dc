-- CreateTable
CREATE TABLE "AlertCorrelation" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "claimedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AlertmanagerAlert" (
    "fingerprint" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER,
    "alertname" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "repeats" INTEGER NOT NULL DEFAULT 0,
    "correlationKey" TEXT NOT NULL DEFAULT '',
    "followUp" TEXT
);
INSERT INTO "new_AlertmanagerAlert" ("alertname", "annotations", "endsAt", "fingerprint", "firstSeenAt", "incidentId", "labels", "lastSeenAt", "repeats", "startsAt", "status") SELECT "alertname", "annotations", "endsAt", "fingerprint", "firstSeenAt", "incidentId", "labels", "lastSeenAt", "repeats", "startsAt", "status" FROM "AlertmanagerAlert";
DROP TABLE "AlertmanagerAlert";
ALTER TABLE "new_AlertmanagerAlert" RENAME TO "AlertmanagerAlert";
CREATE INDEX "AlertmanagerAlert_correlationKey_status_idx" ON "AlertmanagerAlert"("correlationKey", "status");
CREATE INDEX "AlertmanagerAlert_followUp_idx" ON "AlertmanagerAlert"("followUp");
CREATE INDEX "AlertmanagerAlert_status_startsAt_idx" ON "AlertmanagerAlert"("status", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing alerts correlate by their alertname
UPDATE "AlertmanagerAlert" SET "correlationKey" = "alertname";
