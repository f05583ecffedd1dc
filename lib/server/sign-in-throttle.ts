import "server-only";
// Sign-in throttling per account and per client address, stored in the database so every instance agrees.
import { prisma } from "./db";
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, retryAfterMs, type ThrottlePolicy } from "@/lib/domain/sign-in";

const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;

/** The client's address as the nearest proxy reports it (Next.js fills X-Forwarded-For from the socket). */
export function clientAddress(headers: Headers | Record<string, unknown> | undefined): string {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (headers instanceof Headers) return headers.get(name);
    const v = headers[name];
    return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || get("x-real-ip") || "unknown").slice(0, 100);
}

/** Milliseconds until this email or address may try again (the longer of the two); 0 = go ahead. */
export async function signInWaitMs(email: string, address: string, now: Date): Promise<number> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: [accountKey(email), addressKey(address)] } } });
  return Math.max(0, ...rows.map((row) => retryAfterMs(row, now)));
}

export async function recordSignInFailure(email: string, address: string, now: Date): Promise<void> {
  await bump(accountKey(email), ACCOUNT_POLICY, now);
  await bump(addressKey(address), ADDRESS_POLICY, now);
}

/** A correct password clears the account's count (the address keeps its count: one valid account must not unlock spraying). */
export async function recordSignInSuccess(email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}

async function bump(key: string, policy: ThrottlePolicy, now: Date, retry = true): Promise<void> {
  // Read-modify-write in one transaction; a lost update under a burst only undercounts by the burst's overlap.
  // Two first failures at once collide on the key: the loser retries once and then sees the row.
  try {
    await write(key, policy, now);
  } catch (error) {
    if (!retry) throw error;
    await bump(key, policy, now, false);
  }
}

async function write(key: string, policy: ThrottlePolicy, now: Date) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.signInThrottle.findUnique({ where: { key } });
    const next = afterFailure(current, policy, now);
    await tx.signInThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  });
}
