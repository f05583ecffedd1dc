import "server-only";
// Email subscriptions with double opt-in: subscribing stores a pending row and writes the confirmation email
// into the outbox in the same transaction; only a confirmed, not unsubscribed row receives updates. The
// confirm and unsubscribe links are signed (links.ts). Subscribing again with the same address re-sends the
// confirmation (and updates the components) without telling whether the address was known.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { toJsonValue } from "../json";
import { wakeEscalationWorkers } from "../escalations/wake";
import type { Locale } from "@/lib/i18n/locales";
import { publicBaseUrl, signLink, verifyLink } from "./links";
import { STATUS_EMAIL_CHANNEL, type StatusMessagePayload } from "./publish";
import { statusTranslator } from "./texts";

/** The subscribe form or JSON body: an email address and a few component ids. */
export const SUBSCRIBE_MAX_BYTES = 8 * 1024;
/** RFC 8058 one-click posts "List-Unsubscribe=One-Click"; the button posts nothing. */
export const UNSUBSCRIBE_MAX_BYTES = 1024;
import { AppError } from "../errors";

export async function subscribe(input: { email: string; components: string[]; locale: Locale }): Promise<void> {
  const at = clockNow();
  await prisma.$transaction(async (tx) => {
    if (input.components.length > 0) {
      const found = await tx.statusComponent.count({ where: { id: { in: input.components }, archivedAt: null } });
      if (found !== new Set(input.components).size)
        throw new AppError("validation_failed", "Unknown component.", { components: "unknown component" });
    }
    const existing = await tx.statusSubscriber.findFirst({
      where: { email: input.email, unsubscribedAt: null },
      orderBy: { createdAt: "desc" },
    });
    const sub = existing
      ? await tx.statusSubscriber.update({ where: { id: existing.id }, data: { components: input.components, locale: input.locale } })
      : await tx.statusSubscriber.create({
          data: { email: input.email, components: input.components, locale: input.locale, createdAt: at },
        });
    // i18n-translator: t = statuspage
    const t = statusTranslator(input.locale);
    const confirmUrl = `${publicBaseUrl()}/status/confirm?token=${signLink("confirm", sub.id, at)}`;
    const subject = t("email.confirmSubject");
    const text = [t("email.confirmBody"), "", confirmUrl].join("\n");
    const payload: StatusMessagePayload = { status: { kind: "email", subject, text } };
    // one confirmation email per subscriber and minute at most (a double click sends one)
    const key = `status-confirm:${sub.id}|${Math.floor(at.getTime() / 60_000)}`;
    if (await tx.notification.findUnique({ where: { idempotencyKey: key } })) return;
    await tx.notification.create({
      data: {
        idempotencyKey: key,
        event: "status-confirm",
        channel: STATUS_EMAIL_CHANNEL,
        target: sub.email,
        recipient: "",
        subject,
        body: text,
        payload: toJsonValue(payload),
        status: "pending",
        nextAttemptAt: at,
        createdAt: at,
      },
    });
  });
  wakeEscalationWorkers();
}

/** true when the link was good (confirming twice is fine). */
export async function confirmSubscription(token: string): Promise<boolean> {
  const at = clockNow();
  const id = verifyLink("confirm", token, at);
  if (!id) return false;
  const r = await prisma.statusSubscriber.updateMany({ where: { id, unsubscribedAt: null }, data: { confirmedAt: at } });
  return r.count === 1;
}

export async function unsubscribe(token: string): Promise<boolean> {
  const at = clockNow();
  const id = verifyLink("unsubscribe", token, at);
  if (!id) return false;
  await prisma.statusSubscriber.updateMany({ where: { id, unsubscribedAt: null }, data: { unsubscribedAt: at } });
  return true;
}
