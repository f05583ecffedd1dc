import "server-only";
// The resolve guard of the manual's section 4: a P0/P1 is resolved after its recovery was verified.
// Resolving without a passing verification stays possible (the shop may be fine while a check is
// broken), but only with a reason, which the incident's timeline and audit log keep.
import type { DB } from "../db";
import { latestRecoveryBatch, needsVerification } from "./recovery";
import { formatDateTime } from "@/lib/domain/postmortem/time";

type Tx = Omit<DB, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Checked inside the change transaction before an incident is resolved. Returns a message when the
 * resolve must be refused: a P0/P1 whose latest recovery verification did not pass, without a reason.
 */
export async function guardResolve(tx: Tx, incident: { id: number; severity: string }, reason: string | undefined): Promise<string | null> {
  if (!needsVerification(incident.severity)) return null;
  if (reason !== undefined && reason.trim() !== "") return null;
  const latest = await latestRecoveryBatch(tx, incident.id);
  if (latest?.ok) return null;
  const how = "Run the recovery verification in the incident room, or give a reason for resolving without a passing one.";
  if (!latest)
    return `A ${incident.severity} incident is resolved after a passing recovery verification (manual section 4), and none has run yet. ${how}`;
  const failed = latest.results.filter((r) => !r.ok).map((r) => r.title);
  return `The latest recovery verification (${formatDateTime(new Date(latest.ranAt))}) failed ${failed.length} of ${latest.total} checks (${failed.join(", ")}). ${how}`;
}
