import "server-only";
import type { AppError } from "@/lib/server/errors";

/** The signed-in person's id: what belongs to a person cannot be read or set with an API token (`refusal` says so). */
export function requirePerson(userId: string | null, refusal: () => AppError): string {
  if (!userId) throw refusal();
  return userId;
}
