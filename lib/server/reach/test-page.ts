import "server-only";
// "Send me a test page": one page through each contact method the person has (email; SMS and a call to their
// paging phone; a Slack mention in #monitoring), each with its own acknowledge link. Acknowledging one proves that
// method reaches them (lib/domain/reach/readiness). Each push device gets one too, which verifies that device.
// Written to the outbox with the links in one transaction.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { writeOutbox, type OutboxEntry } from "../escalations/outbox";
import { wakeEscalationWorkers } from "../escalations/wake";
import { SEVERITY_CHANNELS } from "@/lib/domain/escalation-matrix";
import { METHOD_CHANNELS, targetOf, type MethodChannel } from "@/lib/domain/reach/readiness";
import { ackUrlOf, issueAckLink } from "./ack-links";
import type { Actor } from "../actor";
import type { Delivery } from "@/lib/domain/notification-plan";

const MONITORING = SEVERITY_CHANNELS.P3.routes.find((r) => r.kind === "slack")?.target ?? "#monitoring";

export interface TestPageResult {
  sentAt: string;
  channels: MethodChannel[];
  /** push devices the test page went to as well */
  pushDevices: number;
}

export async function sendTestPage(actor: Actor): Promise<TestPageResult> {
  if (!actor.userId) throw new AppError("bad_request", "Test pages go to people: sign in instead of using an API token.");
  const userId = actor.userId;
  const at = clockNow();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true } });
  const paging = await prisma.userPagingContact.findUnique({ where: { userId } });
  const person = { email: user.email, phone: paging?.phone ?? "", slackHandle: paging?.slackHandle ?? "" };
  const channels = METHOD_CHANNELS.filter((c) => targetOf(person, c));
  const devices = await prisma.pushSubscription.findMany({ where: { userId }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const result = await prisma.$transaction(async (tx) => {
    const entries: OutboxEntry[] = [];
    for (const channel of channels) {
      const target = targetOf(person, channel);
      const token = await issueAckLink(tx, { purpose: "test", userId, channel, target, recipient: user.name }, at);
      entries.push({ incidentId: null, isDrill: false, delivery: testDelivery(user.name, channel, target, at, token) });
    }
    for (const device of devices) {
      const token = await issueAckLink(tx, { purpose: "test", userId, channel: "push", target: device.id, recipient: user.name }, at);
      entries.push({ incidentId: null, isDrill: false, delivery: testDelivery(user.name, "push", device.id, at, token) });
    }
    await writeOutbox(tx, entries, at);
    await writeAudit(tx, actor, {
      action: "reach.test-page",
      entity: "user",
      entityId: userId,
      after: { channels, pushDevices: devices.length },
      at,
    });
    return { sentAt: at.toISOString(), channels, pushDevices: devices.length };
  });
  wakeEscalationWorkers();
  return result;
}

function testDelivery(name: string, channel: MethodChannel | "push", target: string, at: Date, token: string): Delivery {
  return {
    idempotencyKey: `test-page:${target}:${channel}:${at.toISOString()}`,
    incidentId: "",
    event: "test-page",
    channel,
    to: channel === "slack" ? MONITORING : target,
    recipient: channel === "slack" ? null : { role: "", name },
    mentions: channel === "slack" ? [target] : [],
    severity: "P3",
    subject: { ko: "[테스트 알림] 연락 수단 확인", en: "[Test page] Checking your contact method" },
    message: {
      ko: `${name}님, Incident Command 테스트 알림입니다. 확인하면 이 연락 수단이 확인된 것으로 표시됩니다.`,
      en: `${name}, this is a test page from Incident Command. Acknowledge it to mark this contact method as verified.`,
    },
    ack: { url: ackUrlOf(token), token },
    notBefore: null,
  };
}
