-- IncidentComponent gets its relations to Incident (cascading) and to StatusComponent, so queries can filter
-- incidents by a component in one statement (the insights component filter).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IncidentComponent" (
    "incidentId" INTEGER NOT NULL,
    "componentId" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("incidentId", "componentId"),
    CONSTRAINT "IncidentComponent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "StatusComponent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_IncidentComponent" ("componentId", "impact", "incidentId", "updatedAt") SELECT "componentId", "impact", "incidentId", "updatedAt" FROM "IncidentComponent"
-- a link whose incident or component no longer exists cannot satisfy the new keys: it is not copied
WHERE "incidentId" IN (SELECT "id" FROM "Incident") AND "componentId" IN (SELECT "id" FROM "StatusComponent");
DROP TABLE "IncidentComponent";
ALTER TABLE "new_IncidentComponent" RENAME TO "IncidentComponent";
CREATE INDEX "IncidentComponent_componentId_idx" ON "IncidentComponent"("componentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
