import "server-only";
// A person's push devices: one row per push endpoint. Subscribing again from the same browser (same endpoint)
// updates its keys, and moves the device to whoever is signed in on it now: a shared phone pages its present user.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import type { PushSubscriptionInput } from "@/lib/domain/push/subscription";
import { vapidKeys } from "./vapid";

export interface PushDevice {
  id: string;
  /** the push service's URL: the page matches it against its own subscription to say "this device" */
  endpoint: string;
  label: string;
  createdAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  /** when a test page pushed to this device was last acknowledged from its notification (null: never) */
  verifiedAt: string | null;
}

export interface MyPushDevices {
  /** the application server key the browser subscribes with (base64url) */
  publicKey: string;
  devices: PushDevice[];
}

/** One person's devices can be many, but not unbounded: the oldest beyond this are dropped on subscribe. */
export const MAX_DEVICES_PER_USER = 20;

function toDevice(
  row: {
    id: string;
    endpoint: string;
    label: string;
    createdAt: Date;
    lastSuccessAt: Date | null;
    lastFailureAt: Date | null;
    lastError: string | null;
  },
  verifiedAt: Date | null = null,
): PushDevice {
  return {
    verifiedAt: verifiedAt?.toISOString() ?? null,
    id: row.id,
    endpoint: row.endpoint,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

export async function myPushDevices(userId: string): Promise<MyPushDevices> {
  const rows = await prisma.pushSubscription.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const acked = await prisma.ackLink.findMany({
    where: { userId, purpose: "test", channel: "push", target: { in: rows.map((r) => r.id) }, usedAt: { not: null } },
    select: { target: true, usedAt: true },
  });
  const verified = new Map<string, Date>();
  for (const a of acked) {
    const before = verified.get(a.target);
    if (a.usedAt && (!before || a.usedAt > before)) verified.set(a.target, a.usedAt);
  }
  return { publicKey: vapidKeys().publicKey, devices: rows.map((r) => toDevice(r, verified.get(r.id) ?? null)) };
}

export async function savePushSubscription(userId: string, input: PushSubscriptionInput, at: Date = clockNow()): Promise<PushDevice> {
  const data = { userId, p256dh: input.keys.p256dh.replace(/=+$/, ""), auth: input.keys.auth.replace(/=+$/, ""), label: input.label };
  const row = await prisma.pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { ...data, endpoint: input.endpoint, createdAt: at },
    update: { ...data, lastError: null, lastFailureAt: null },
  });
  const extra = await prisma.pushSubscription.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: MAX_DEVICES_PER_USER,
    select: { id: true },
  });
  if (extra.length > 0) await prisma.pushSubscription.deleteMany({ where: { id: { in: extra.map((e) => e.id) } } });
  return toDevice(row);
}

/** Removes my device with this endpoint; true when there was one. Another person's device is not mine to remove. */
export async function removePushSubscription(userId: string, endpoint: string): Promise<boolean> {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { userId, endpoint } });
  return count > 0;
}
