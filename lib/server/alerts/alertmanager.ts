import "server-only";
// The Alertmanager webhook receiver (payload version 4, reference/contracts.md 2.2–2.4):
// - bearer token (ALERTMANAGER_TOKEN) checked before anything else; unset = every request refused;
// - the whole payload is validated before anything is written: structure, sizes, and characters no
//   database may store (NUL, lone UTF-16 surrogates) — 400 naming the alert and the field, in the
//   request's language (Accept-Language; English when absent, as Alertmanager sends none);
// - then stored in batches (ingest-store.ts): each batch one short transaction, every alert
//   deduplicated by fingerprint + startsAt (one episode), so a retried payload changes nothing it
//   already stored; a changed alert is marked `followUp`;
// - then, per correlation key (the alertname), the marked alerts are written on the key's incident or
//   open it (follow-up.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import { prisma } from "../db";
import { letOthersIn } from "../event-loop";
import { AppError } from "../errors";
import { errorResponse } from "../api";
import { now as clockNow } from "../clock";
import { publish } from "../change-bus";
import { getAlertSettings } from "./settings";
import { ALERTS_TOPIC } from "./topics";
import { followKey } from "./follow-up";
import { storeAlerts } from "./ingest-store";
import {
  formatWebhookIssue,
  formatWebhookRejection,
  parseWebhookSteps,
  type ParseResult,
  type AlertmanagerNotification,
} from "@/lib/domain/alertmanager";
import { localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { readTextLimited } from "../security/body";
import { requireSafeJsonText } from "../security/text-guard";
import koMetrics from "@/lib/i18n/messages/ko.metrics.json";
import enMetrics from "@/lib/i18n/messages/en.metrics.json";

/** Large groups are legitimate (5,000 instances with annotations are 1–2 MB); still bounded. */
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;
const TEMPLATES = { ko: koMetrics.webhook, en: enMetrics.webhook } as const;

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Throws 401 unless the Authorization header carries the configured token (compared in constant time). */
export function checkWebhookToken(header: string | null, configured: string | null): void {
  if (!configured) {
    throw new AppError(
      "unauthorized",
      'The Alertmanager webhook is not configured on this server: set ALERTMANAGER_TOKEN and send it as "Authorization: Bearer TOKEN" (http_config.authorization in alertmanager.yml).',
    );
  }
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new AppError("unauthorized", 'Missing bearer token: send "Authorization: Bearer ALERTMANAGER_TOKEN".');
  if (!timingSafeEqual(digest(match[1]), digest(configured))) throw new AppError("unauthorized", "Wrong Alertmanager webhook token.");
}

export type AlertOutcome = "opened" | "attached" | "firing" | "repeat" | "resolved" | "stale";

export interface IngestSummary {
  received: number;
  counts: Record<AlertOutcome, number>;
  /** alerts whose incident step could not be done now (finished later, see finishPendingFollowUps) */
  pending: number;
  outcomes: { fingerprint: string; alertname: string; outcome: AlertOutcome; incidentId: number | null }[];
}

/** The language of the webhook's answers: the request's Accept-Language; English when it sends none. */
function requestLocale(request: Request): Locale {
  const header = request.headers.get("accept-language");
  return header ? localeFromAcceptLanguage(header) : "en";
}

/** The whole request: token, size, payload, ingestion. Every error is `{"error": {"code", "message"}}`. */
export async function handleAlertmanagerWebhook(request: Request, token: string | null): Promise<Response> {
  const locale = requestLocale(request);
  try {
    checkWebhookToken(request.headers.get("authorization"), token);
    // Cut off at the limit while it streams in (a chunked body is never buffered whole); NUL and lone
    // surrogates are refused by the payload check below, naming the alert and the field.
    const text = await readTextLimited(request, MAX_WEBHOOK_BYTES, locale);
    const parsed = await parseLettingOthersIn(text);
    if (!parsed.ok) {
      // Not an Alertmanager payload at all: a NUL or lone surrogate in it is still named like on every route.
      if (parsed.problems.some((p) => p.code === "required" || p.code === "notJson")) requireSafeJsonText(text, locale);
      const fields = Object.fromEntries(parsed.problems.slice(0, 20).map((p) => [p.path, formatWebhookIssue(p, TEMPLATES[locale])]));
      const alerts = [...new Set(parsed.problems.flatMap((p) => (p.alert === undefined ? [] : [p.alert])))];
      throw new AppError("bad_request", formatWebhookRejection(parsed.problems, TEMPLATES[locale]), fields, {
        problems: parsed.problems.length,
        alerts: alerts.slice(0, 20),
      });
    }
    return Response.json(await ingestAlertmanager(parsed.notification));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Check the payload 250 alerts at a time, giving the event loop back in between (health checks, pages). */
async function parseLettingOthersIn(text: string): Promise<ParseResult> {
  const steps = parseWebhookSteps(text, 250);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await letOthersIn();
  }
}

export async function ingestAlertmanager(n: AlertmanagerNotification, options: { autoOpen?: boolean } = {}): Promise<IngestSummary> {
  const autoOpen = options.autoOpen ?? (await getAlertSettings()).autoOpen;
  const stored = await storeAlerts(n.alerts, clockNow());
  const keys = [...new Set(stored.filter((s) => s.outcome !== "repeat" && s.outcome !== "stale").map((s) => s.key))];
  const opened = new Set<string>();
  let failed = false;
  for (const key of keys) {
    try {
      if (await followKey(key, autoOpen)) opened.add(key);
    } catch (error) {
      failed = true;
      console.error(`[alertmanager] follow-up of ${key} failed; kept for a retry`, error);
    }
  }
  const changed = stored.filter((s) => s.outcome === "firing" || s.outcome === "resolved").map((s) => s.fingerprint);
  const incidentOf = new Map<string, number | null>();
  for (let i = 0; i < changed.length; i += 1000) {
    const rows = await prisma.alertmanagerAlert.findMany({
      where: { fingerprint: { in: changed.slice(i, i + 1000) } },
      select: { fingerprint: true, incidentId: true },
    });
    for (const r of rows) incidentOf.set(r.fingerprint, r.incidentId && r.incidentId > 0 ? r.incidentId : null);
    await letOthersIn();
  }
  const counts: Record<AlertOutcome, number> = { opened: 0, attached: 0, firing: 0, repeat: 0, resolved: 0, stale: 0 };
  const outcomes = stored.map((s) => {
    const incidentId = incidentOf.get(s.fingerprint) ?? null;
    const outcome: AlertOutcome = s.outcome === "firing" && incidentId ? (opened.has(s.key) ? "opened" : "attached") : s.outcome;
    counts[outcome]++;
    return {
      fingerprint: s.fingerprint,
      alertname: s.alertname,
      outcome,
      incidentId: s.outcome === "repeat" || s.outcome === "stale" ? null : incidentId,
    };
  });
  const pending = failed ? await prisma.alertmanagerAlert.count({ where: { correlationKey: { in: keys }, followUp: { not: null } } }) : 0;
  if (stored.some((s) => s.outcome !== "repeat")) await publish(ALERTS_TOPIC).catch(() => undefined);
  return { received: n.alerts.length, counts, pending, outcomes };
}

export { finishPendingFollowUps, openIncidentForExternal } from "./follow-up";
