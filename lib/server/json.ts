// A value as Prisma stores it in a Json column: plain JSON (dates as ISO strings, undefined dropped).
import type { Prisma } from "../generated/prisma/client";

export function toJsonValue(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
