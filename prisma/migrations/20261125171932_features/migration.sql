-- CreateTable
CREATE TABLE "RunbookTick" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "tickedAt" DATETIME NOT NULL,
    CONSTRAINT "RunbookTick_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DiagnosticRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER,
    "batchId" TEXT NOT NULL,
    "probeId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "data" JSONB,
    "durationMs" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    CONSTRAINT "DiagnosticRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleName" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "activeAt" DATETIME,
    "firedAt" DATETIME,
    "resolvedAt" DATETIME,
    "value" REAL,
    "incidentId" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertmanagerAlert" (
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
    "repeats" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SimulatorFault" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenario" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "drillId" TEXT
);

-- CreateTable
CREATE TABLE "Drill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenario" TEXT NOT NULL,
    "startedById" TEXT,
    "startedByName" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "incidentId" INTEGER,
    "acknowledgedAt" DATETIME,
    "diagnosedAt" DATETIME,
    "mitigatedAt" DATETIME,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EscalationFiring" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "fireKey" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "firedAt" DATETIME,
    "lateByMs" INTEGER,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "acknowledgedBy" TEXT,
    CONSTRAINT "EscalationFiring_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER,
    "idempotencyKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "payload" JSONB,
    "isDrill" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notBefore" DATETIME,
    "nextAttemptAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notificationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "providerId" TEXT,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Postmortem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "sections" JSONB NOT NULL,
    "facts" JSONB NOT NULL,
    "checklist" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedByName" TEXT NOT NULL,
    "publishedAt" DATETIME,
    CONSTRAINT "Postmortem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PostmortemRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postmortemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sections" JSONB NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "PostmortemRevision_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postmortemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "horizon" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ActionItem_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "definition" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RecoveryRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" INTEGER NOT NULL,
    "batchId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "summary" TEXT NOT NULL,
    "data" JSONB,
    "durationMs" INTEGER NOT NULL,
    "ranAt" DATETIME NOT NULL,
    "actorName" TEXT NOT NULL,
    CONSTRAINT "RecoveryRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RunbookTick_incidentId_stepId_key" ON "RunbookTick"("incidentId", "stepId");

-- CreateIndex
CREATE INDEX "DiagnosticRun_incidentId_probeId_startedAt_idx" ON "DiagnosticRun"("incidentId", "probeId", "startedAt");

-- CreateIndex
CREATE INDEX "AlertState_ruleName_idx" ON "AlertState"("ruleName");

-- CreateIndex
CREATE INDEX "EscalationFiring_firedAt_idx" ON "EscalationFiring"("firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationFiring_incidentId_fireKey_key" ON "EscalationFiring"("incidentId", "fireKey");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_incidentId_idx" ON "Notification"("incidentId");

-- CreateIndex
CREATE INDEX "NotificationAttempt_notificationId_idx" ON "NotificationAttempt"("notificationId");

-- CreateIndex
CREATE UNIQUE INDEX "Postmortem_incidentId_key" ON "Postmortem"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemRevision_postmortemId_version_key" ON "PostmortemRevision"("postmortemId", "version");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueDate_idx" ON "ActionItem"("status", "dueDate");

-- CreateIndex
CREATE INDEX "RecoveryRun_incidentId_ranAt_idx" ON "RecoveryRun"("incidentId", "ranAt");
