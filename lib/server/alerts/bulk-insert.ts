import "server-only";
// Multi-row writes for the webhook's hot path (lib/server/sql-rows.ts): Prisma's createMany costs about a
// millisecond per row here, which made a 5,000-alert payload take many seconds; one INSERT … SELECT from a
// JSON array per batch is a single statement for the database.
import { insertRows, updateRows } from "../sql-rows";
import type { Tx } from "./state-store";

export interface AlertRowInput {
  fingerprint: string;
  incidentId: number | null;
  alertname: string;
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  repeats: number;
  correlationKey: string;
  followUp: string | null;
}

const ALERT_COLUMNS = [
  ["fingerprint", "text"],
  ["incidentId", "int"],
  ["alertname", "text"],
  ["status", "text"],
  ["labels", "json"],
  ["annotations", "json"],
  ["startsAt", "time"],
  ["endsAt", "time"],
  ["firstSeenAt", "time"],
  ["lastSeenAt", "time"],
  ["repeats", "int"],
  ["correlationKey", "text"],
  ["followUp", "text"],
] as const;

const alertValues = (rows: readonly AlertRowInput[]) => rows.map((r) => ALERT_COLUMNS.map(([c]) => r[c]));

export async function insertAlertRows(tx: Tx, rows: readonly AlertRowInput[]): Promise<void> {
  await insertRows(tx, "AlertmanagerAlert", ALERT_COLUMNS, alertValues(rows));
}

/** Rewrite stored alerts (by fingerprint) with every column of the input. */
export async function updateAlertRows(tx: Tx, rows: readonly AlertRowInput[]): Promise<void> {
  await updateRows(tx, "AlertmanagerAlert", ALERT_COLUMNS, alertValues(rows));
}
