import "server-only";
// Publishing a stakeholder update from the incident room. ONE transaction writes the update, the public
// title and components, a timeline row, an audit row, the IncidentOutbox event and every message it causes
// (each subscriber's email, each webhook, each manager's email) as Notification rows with deterministic keys:
// the outbox deliverer sends each once, the dispatcher clears the page's cache (handlers.ts). Nothing is sent
// from the request, and a failed write sends nothing.
import { prisma, type DB } from "../db";
import { AppError, notFound } from "../errors";
import { requirePermission, type Actor } from "../actor";
import { writeAudit } from "../audit";
import { now as clockNow } from "../clock";
import { recordIncidentEvents } from "../incident-outbox/record";
import { dispatchCommitted } from "../incident-outbox/kick";
import { writeOutbox, incidentUrl } from "../escalations/outbox";
import { isSeverity } from "@/lib/domain/severity";
import { isStatus } from "@/lib/domain/status";
import type { PublishUpdateInput } from "@/lib/domain/status/input";
import { UPDATE_STATUSES, type UpdateStatus } from "@/lib/domain/status/updates";
import { writeIncidentComponents } from "./components";
import { stringIds } from "./snapshot";
import { publicBaseUrl, signLink } from "./links";
import { statusTranslator } from "./texts";
import { toJsonValue } from "../json";

export { STATUS_EMAIL_CHANNEL, WEBHOOK_CHANNEL } from "./channels";
import { STATUS_EMAIL_CHANNEL, WEBHOOK_CHANNEL } from "./channels";

/** What a status Notification row's payload holds (the deliverer's status sender reads it). */
export interface StatusMessagePayload {
  status:
    | { kind: "email"; subject: string; text: string; unsubscribeUrl?: string; oneClickUrl?: string }
    | { kind: "webhook"; webhookId: string; body: string };
}

type Tx = Parameters<Parameters<DB["$transaction"]>[0]>[0];

export async function publishUpdate(actor: Actor, incidentId: number, input: PublishUpdateInput) {
  requirePermission(actor, "status.publish");
  const at = clockNow();
  const result = await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!incident) throw notFound(`Incident ${incidentId}`);
    if (!isSeverity(incident.severity) || !isStatus(incident.status)) throw new AppError("conflict", "Incident has invalid stored state.");
    const last = await tx.statusUpdate.findFirst({ where: { incidentId }, orderBy: { publishedAt: "desc" } });
    if (last?.status === "resolved" && incident.status === "resolved")
      throw new AppError("conflict", "This incident's resolution has been published already.");
    if (
      last &&
      UPDATE_STATUSES.indexOf(input.status) < UPDATE_STATUSES.indexOf(last.status as UpdateStatus) &&
      last.status !== "resolved"
    ) {
      throw new AppError("conflict", `The last update said ${last.status}; an update cannot go back to ${input.status}.`);
    }
    if (input.components) await writeIncidentComponents(tx, incidentId, input.components, at);
    const components = await tx.incidentComponent.findMany({ where: { incidentId } });
    if (input.title) {
      await tx.incidentPublicInfo.upsert({
        where: { incidentId },
        create: { incidentId, titleKo: input.title.ko, titleEn: input.title.en, updatedAt: at },
        update: { titleKo: input.title.ko, titleEn: input.title.en, updatedAt: at },
      });
    }
    const update = await tx.statusUpdate.create({
      data: {
        incidentId,
        status: input.status,
        bodyKo: input.body.ko,
        bodyEn: input.body.en,
        components: components.map((c) => ({ componentId: c.componentId, impact: c.impact })),
        authorId: actor.userId,
        authorName: actor.label,
        publishedAt: at,
      },
    });
    const timeline = await tx.timelineEvent.create({
      data: {
        incidentId,
        kind: "status-update",
        actorId: actor.userId,
        actorName: actor.label,
        message: `Published a status page update (${input.status}): ${input.body.ko}`,
        data: { updateId: update.id, status: input.status },
        createdAt: at,
      },
    });
    await writeAudit(tx, actor, { action: "status.publish", entity: "incident", entityId: incidentId, after: update, at });
    const messages = incident.isDrill
      ? 0
      : await writeUpdateMessages(
          tx,
          update,
          components.map((c) => c.componentId),
          at,
        );
    const managers = await writeManagerEmails(tx, incident, update, at);
    const recorded = await recordIncidentEvents(
      tx,
      [
        {
          incidentId,
          kind: "update",
          at,
          timelineEventId: timeline.id,
          severity: incident.severity,
          status: incident.status,
          isDrill: incident.isDrill,
          title: incident.title,
          actorLabel: actor.label,
        },
      ],
      [messages + managers],
    );
    return { update, recorded };
  });
  await dispatchCommitted(result.recorded);
  return {
    id: result.update.id,
    incidentId,
    status: result.update.status,
    body: { ko: result.update.bodyKo, en: result.update.bodyEn },
    publishedAt: result.update.publishedAt.toISOString(),
  };
}

interface UpdateRow {
  id: string;
  incidentId: number;
  status: string;
  bodyKo: string;
  bodyEn: string;
  publishedAt: Date;
}

/** Subscribers (confirmed, not unsubscribed, for all or one of these components) and webhooks. */
async function writeUpdateMessages(tx: Tx, update: UpdateRow, componentIds: string[], at: Date): Promise<number> {
  const [subscribers, webhooks, names, title] = await Promise.all([
    tx.statusSubscriber.findMany({ where: { confirmedAt: { not: null }, unsubscribedAt: null } }),
    tx.statusWebhook.findMany({ where: { revokedAt: null } }),
    tx.statusComponent.findMany({ where: { id: { in: componentIds } } }),
    tx.incidentPublicInfo.findUnique({ where: { incidentId: update.incidentId } }),
  ]);
  const base = publicBaseUrl();
  const rows = [];
  for (const s of subscribers) {
    const wanted = stringIds(s.components);
    if (wanted.length > 0 && !wanted.some((id) => componentIds.includes(id))) continue;
    const locale = s.locale === "en" ? "en" : "ko";
    // i18n-translator: t = statuspage
    const t = statusTranslator(locale);
    const where = names.map((n) => (locale === "en" ? n.nameEn : n.nameKo)).join(", ");
    const headline = title ? (locale === "en" ? title.titleEn || title.titleKo : title.titleKo || title.titleEn) : where || t("page.title");
    const token = signLink("unsubscribe", s.id, at);
    const unsubscribeUrl = `${base}/status/unsubscribe?token=${token}`;
    const oneClickUrl = `${base}/api/status/unsubscribe?token=${token}`;
    const subject = `[${t(`updateStatus.${update.status as UpdateStatus}`)}] ${headline}`;
    const text = [
      locale === "en" ? update.bodyEn : update.bodyKo,
      "",
      `${base}/status?lang=${locale}`,
      "",
      `${t("email.unsubscribe")}: ${unsubscribeUrl}`,
    ].join("\n");
    const payload: StatusMessagePayload = { status: { kind: "email", subject, text, unsubscribeUrl, oneClickUrl } };
    rows.push({
      key: `status-update:${update.id}|email|${s.id}`,
      channel: STATUS_EMAIL_CHANNEL,
      target: s.email,
      subject,
      body: text,
      payload,
    });
  }
  for (const w of webhooks) {
    const body = JSON.stringify({
      type: "incident.update",
      id: update.id,
      incidentId: update.incidentId,
      status: update.status,
      body: { ko: update.bodyKo, en: update.bodyEn },
      title: title ? { ko: title.titleKo, en: title.titleEn } : null,
      components: names.map((n) => ({ id: n.id, slug: n.slug, name: { ko: n.nameKo, en: n.nameEn } })),
      publishedAt: update.publishedAt.toISOString(),
      url: `${base}/status`,
    });
    const payload: StatusMessagePayload = { status: { kind: "webhook", webhookId: w.id, body } };
    rows.push({
      key: `status-update:${update.id}|webhook|${w.id}`,
      channel: WEBHOOK_CHANNEL,
      target: w.url,
      subject: `incident.update ${update.status}`,
      body,
      payload,
    });
  }
  if (rows.length === 0) return 0;
  await tx.notification.createMany({
    data: rows.map((r) => ({
      incidentId: null,
      idempotencyKey: r.key,
      event: "status-update",
      channel: r.channel,
      target: r.target,
      recipient: "",
      subject: r.subject.slice(0, 500),
      body: r.body,
      payload: toJsonValue(r.payload),
      status: "pending",
      nextAttemptAt: at,
      createdAt: at,
    })),
  });
  return rows.length;
}

/** Managers hear of every update by email (the incident's severity decides nothing here: they asked to know). */
async function writeManagerEmails(
  tx: Tx,
  incident: { id: number; title: string; severity: string; isDrill: boolean },
  update: UpdateRow,
  at: Date,
): Promise<number> {
  const managers = await tx.user.findMany({ where: { role: "manager", active: true }, select: { id: true, email: true, name: true } });
  const severity = isSeverity(incident.severity) ? incident.severity : "P2";
  return writeOutbox(
    tx,
    managers.map((m) => ({
      incidentId: incident.id,
      isDrill: incident.isDrill,
      delivery: {
        idempotencyKey: `status-update:${update.id}|email|user:${m.id}`,
        incidentId: String(incident.id),
        event: "status-update",
        channel: "email",
        to: m.email,
        recipient: { role: "manager", name: m.name },
        mentions: [],
        severity,
        subject: { ko: `[공개 업데이트] #${incident.id} ${incident.title}`, en: `[Public update] #${incident.id} ${incident.title}` },
        message: { ko: update.bodyKo, en: update.bodyEn },
        ...(incidentUrl(incident.id) ? { link: incidentUrl(incident.id) } : {}),
        notBefore: null,
      },
    })),
    at,
  );
}

export async function listUpdates(incidentId: number) {
  const rows = await prisma.statusUpdate.findMany({ where: { incidentId }, orderBy: { publishedAt: "desc" } });
  return rows.map((u) => ({
    id: u.id,
    status: u.status,
    body: { ko: u.bodyKo, en: u.bodyEn },
    components: u.components,
    authorName: u.authorName,
    publishedAt: u.publishedAt.toISOString(),
  }));
}
