// A unique-constraint violation from either database through Prisma (P2002, or the driver adapter's
// text): "someone else already wrote this row" — a concurrent instance, a second tick of the same
// step, an HA Alertmanager duplicate — which callers treat as an answer, not as a failure.
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  if (e.code === "P2002") return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /Unique constraint failed|duplicate key value violates unique constraint|UNIQUE constraint failed/i.test(message);
}
