import "server-only";
// Verifying my contact methods with a code (lib/domain/reach/verify-code): email by an emailed code, my paging phone
// by an SMS code. The code is sent at once through the configured adapter, never through the outbox, so it is never
// stored: the row keeps only its HMAC. Slack and push devices are verified by acknowledging a test page.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { authSecret } from "../auth-options";
import { notifyConfig } from "../escalations/config";
import { myReadiness } from "./readiness";
import { createNotifyRouter, type Delivery } from "@/lib/notify";
import { normalizePhone } from "@/lib/domain/notification-plan";
import {
  CODE_TTL_MS,
  checkCode,
  isCodeChannel,
  newCode,
  normalizeCode,
  resendAllowedAt,
  type CodeChannel,
} from "@/lib/domain/reach/verify-code";
import type { PersonReadiness } from "@/lib/domain/reach/readiness";
import type { Actor } from "../actor";

function codeKey(): Buffer {
  return createHmac("sha256", authSecret()).update("incident-command contact verification codes").digest();
}

/** The stored form of a code: bound to its row (a code copied to another row does not match). */
export function hashCode(id: string, code: string): string {
  return createHmac("sha256", codeKey()).update(`${id}:${code}`).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

function requireUser(actor: Actor): string {
  if (!actor.userId) throw new AppError("bad_request", "Contact methods belong to people: sign in instead of using an API token.");
  return actor.userId;
}

function requireCodeChannel(channel: string): CodeChannel {
  if (channel === "slack" || channel === "push" || channel === "phone") {
    throw new AppError("bad_request", "Slack and push devices are verified by acknowledging a test page; a phone number by an SMS code.");
  }
  if (!isCodeChannel(channel)) throw new AppError("not_found", "There is no such contact method: use email or sms.");
  return channel;
}

/** The address or number a code for `channel` goes to now ("" when the person has not given one). */
async function currentTarget(userId: string, channel: CodeChannel): Promise<string> {
  if (channel === "email") {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    return user.email.trim().toLowerCase();
  }
  const paging = await prisma.userPagingContact.findUnique({ where: { userId } });
  return normalizePhone(paging?.phone ?? "");
}

const latestCode = (userId: string, channel: CodeChannel) =>
  prisma.contactVerification.findFirst({ where: { userId, channel }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

export interface CodeSent {
  channel: CodeChannel;
  target: string;
  expiresAt: string;
}

/** Sends a new code through the method itself; the previous unverified code of that method stops working. */
export async function sendVerificationCode(actor: Actor, channelParam: string): Promise<CodeSent> {
  const userId = requireUser(actor);
  const channel = requireCodeChannel(channelParam);
  const target = await currentTarget(userId, channel);
  if (!target) throw new AppError("bad_request", "Add a phone number for paging first, then ask for a code.");
  const at = clockNow();
  const wait = resendAllowedAt(await latestCode(userId, channel), target, at);
  if (wait) {
    const seconds = Math.ceil((wait.getTime() - at.getTime()) / 1000);
    throw new AppError("too_many_requests", `A code was sent a moment ago: wait ${seconds} s before asking for another.`);
  }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  const code = newCode(() => randomInt(10));
  const delivery = codeDelivery(user.name, channel, target, code, at);
  const notifier = createNotifyRouter(notifyConfig()).notifierFor(delivery);
  if (notifier.kind === "outbox") {
    if (channel === "sms")
      throw new AppError(
        "conflict",
        "This server cannot send SMS yet, so no code can be sent: send yourself a test page and acknowledge it instead.",
      );
    throw new AppError(
      "conflict",
      "This server cannot send email yet, so no code can be sent: send yourself a test page and acknowledge it instead.",
    );
  }
  // Earlier unverified codes of this method stop working: only the newest one counts.
  const row = await prisma.$transaction(async (tx) => {
    await tx.contactVerification.deleteMany({ where: { userId, channel, verifiedAt: null } });
    const created = await tx.contactVerification.create({
      data: { userId, channel, target, codeHash: "", createdAt: at, expiresAt: new Date(at.getTime() + CODE_TTL_MS) },
    });
    return tx.contactVerification.update({ where: { id: created.id }, data: { codeHash: hashCode(created.id, code) } });
  });
  const sent = await notifier.send(delivery);
  if (!sent.ok) {
    // Nothing half-written: a code that never left is no code.
    await prisma.contactVerification.deleteMany({ where: { id: row.id } });
    throw new AppError("conflict", `The code could not be sent (${sent.error.slice(0, 200)}). Check it and try again.`);
  }
  await writeAudit(prisma, actor, { action: "reach.verify-code.sent", entity: "user", entityId: userId, after: { channel, target }, at });
  return { channel, target, expiresAt: row.expiresAt.toISOString() };
}

/** Checks a typed code; the right one verifies the method for the value it was sent to. Returns my methods. */
export async function confirmVerificationCode(actor: Actor, channelParam: string, typed: string): Promise<PersonReadiness> {
  const userId = requireUser(actor);
  const channel = requireCodeChannel(channelParam);
  const code = normalizeCode(typed);
  if (!code)
    throw new AppError("validation_failed", "Enter the 6-digit code from the message.", {
      code: "Enter the 6-digit code from the message.",
    });
  const target = await currentTarget(userId, channel);
  const at = clockNow();
  const row = await latestCode(userId, channel);
  const check = checkCode(row, target, at, row ? sameHash(row.codeHash, hashCode(row.id, code)) : false);
  if (check.state === "none") {
    if (channel === "sms") throw new AppError("conflict", "No code was sent to your current phone number: ask for a new code.");
    throw new AppError("conflict", "No code was sent to your current email address: ask for a new code.");
  }
  if (check.state === "expired") throw new AppError("conflict", "This code has expired (codes work for 10 minutes): ask for a new code.");
  if (check.state === "locked") throw new AppError("too_many_requests", "Too many wrong codes: this code is locked. Ask for a new code.");
  // Both outcomes count a try, fenced on the count read: two requests at once cannot both use the same try.
  const fenced = await prisma.contactVerification.updateMany({
    where: { id: row!.id, attempts: row!.attempts, verifiedAt: null },
    data: check.state === "verified" ? { attempts: { increment: 1 }, verifiedAt: at } : { attempts: { increment: 1 } },
  });
  if (fenced.count !== 1) throw new AppError("conflict", "The code was checked by another request at the same time: try again.");
  if (check.state === "wrong") {
    if (check.triesLeft === 0) throw new AppError("too_many_requests", "Too many wrong codes: this code is locked. Ask for a new code.");
    const message = `Wrong code: ${check.triesLeft} tries left.`;
    throw new AppError("validation_failed", message, { code: message });
  }
  await prisma.$transaction(async (tx) =>
    writeAudit(tx, actor, { action: "reach.verify-code.verified", entity: "user", entityId: userId, after: { channel, target }, at }),
  );
  return (await myReadiness(userId))!;
}

function codeDelivery(name: string, channel: CodeChannel, target: string, code: string, at: Date): Delivery {
  return {
    idempotencyKey: `verify-code:${channel}:${target}:${at.toISOString()}`,
    incidentId: "",
    // a person checking their contact methods (the Delivery type's word for it; nothing stores this delivery)
    event: "test-page",
    channel,
    to: target,
    recipient: { role: "", name },
    mentions: [],
    severity: "P3",
    subject: { ko: `[Incident Command] 확인 코드 ${code}`, en: `[Incident Command] Verification code ${code}` },
    message: {
      ko: `${name}님, Incident Command 확인 코드: ${code} (10분 동안 유효). 요청하지 않았다면 무시하세요.`,
      en: `${name}, your Incident Command verification code: ${code} (valid for 10 minutes). Ignore this if you did not ask for it.`,
    },
    notBefore: null,
  };
}
