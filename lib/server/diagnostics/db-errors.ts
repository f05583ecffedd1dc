// A unique-constraint violation through Prisma on either database (P2002, or the driver adapter's text):
// for ticks it means "someone already ticked this step", not a failure.
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  if (e.code === "P2002") return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /Unique constraint failed|duplicate key value violates unique constraint|UNIQUE constraint failed/i.test(message);
}
