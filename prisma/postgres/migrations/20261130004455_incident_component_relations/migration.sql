-- IncidentComponent gets its relations to Incident (cascading) and to StatusComponent, so queries can filter
-- incidents by a component in one statement (the insights component filter).

-- a link whose incident or component no longer exists cannot satisfy the new keys: it is removed
DELETE FROM "IncidentComponent"
WHERE "incidentId" NOT IN (SELECT "id" FROM "Incident") OR "componentId" NOT IN (SELECT "id" FROM "StatusComponent");

-- AddForeignKey
ALTER TABLE "IncidentComponent" ADD CONSTRAINT "IncidentComponent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentComponent" ADD CONSTRAINT "IncidentComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "StatusComponent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
