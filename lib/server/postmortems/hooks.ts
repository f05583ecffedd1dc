import "server-only";
import type { DB } from "../db";

type Tx = Omit<DB, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Checked inside the change transaction before an incident is resolved. Returns a message when the
 * resolve must be refused (e.g. a P0/P1 without a passing recovery verification and without a reason).
 */
export async function guardResolve(_tx: Tx, _incident: { id: number; severity: string }, _reason: string | undefined): Promise<string | null> {
  return null;
}
