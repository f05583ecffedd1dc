import "server-only";
// Acknowledging from the provider's side: Slack's interactive button, an SMS reply ("1") and a call's keypress
// ("1" in the <Gather>). Each request is checked with the provider's documented signature before anything is read
// from it, and a request seen once is refused the second time (InboundReplay). Slack's and Twilio's answers are
// what they expect: 200 quickly, TwiML for Twilio.
import { prisma } from "../db";
import { now as clockNow } from "../clock";
import { AppError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { requestLocale } from "../security/messages";
import { readTextLimited } from "../security/body";
import { requireSameOrigin } from "../security/origin-check";
import { requireSafeStrings } from "../security/text-guard";
import { escapeXml } from "@/lib/notify/http-provider";
import { normalizePhone } from "@/lib/domain/notification-plan";
import { verifySlackRequest, verifyTwilioRequest } from "@/lib/domain/reach/signatures";
import { appBaseUrl, openAckLink, spendLink, type AckOutcome } from "./ack-links";
import { slackSigningSecret, twilioAuthToken } from "./config";
import { reachTranslator } from "./messages";
import { updateSlackMessage } from "./slack-update";
import type { Locale } from "@/lib/i18n/locales";

/** Slack's interaction payloads and Twilio's webhooks are a few KB; this leaves room and no more. */
export const MAX_INBOUND_BYTES = 64 * 1024;

async function readForm(request: Request, locale: Locale): Promise<Record<string, string>> {
  requireSameOrigin(request, locale);
  const text = await readTextLimited(request, MAX_INBOUND_BYTES, locale);
  const params = new URLSearchParams(text);
  requireSafeStrings(params, locale);
  return Object.fromEntries(params);
}

/** Records the request as seen; false when it was seen before (a replay). */
async function firstTime(key: string, at: Date): Promise<boolean> {
  try {
    await prisma.inboundReplay.create({ data: { key: key.slice(0, 300), seenAt: at } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

// i18n-translator: t = reach
function refusal(
  locale: Locale,
  code: "unauthorized" | "conflict" | "not_found",
  key: "badSignature" | "stale" | "replay" | "notConfigured",
) {
  const t = reachTranslator(locale);
  const message =
    key === "badSignature"
      ? t("errors.badSignature")
      : key === "stale"
        ? t("errors.stale")
        : key === "replay"
          ? t("errors.replay")
          : t("errors.notConfigured");
  return new AppError(code, message, undefined, { reason: key });
}

/** The public URL the provider requested (what Twilio signs): the app's base URL, this path and query. */
function publicUrl(request: Request): string {
  const url = new URL(request.url);
  return `${appBaseUrl()}${url.pathname}${url.search}`;
}

// ---- Slack ------------------------------------------------------------------------------------------

interface SlackPayload {
  type?: string;
  user?: { id?: string; name?: string; username?: string };
  actions?: { action_id?: string; value?: string }[];
  response_url?: string;
}

export async function handleSlackInteraction(request: Request): Promise<Response> {
  const locale = requestLocale(request.headers);
  requireSameOrigin(request, locale);
  const text = await readTextLimited(request, MAX_INBOUND_BYTES, locale);
  const params = new URLSearchParams(text);
  requireSafeStrings(params, locale);
  const secret = slackSigningSecret();
  if (!secret) throw refusal(locale, "not_found", "notConfigured");
  const at = clockNow();
  const signature = request.headers.get("x-slack-signature");
  const check = verifySlackRequest({ secret, timestamp: request.headers.get("x-slack-request-timestamp"), signature, body: text, now: at });
  if (!check.ok) throw refusal(locale, "unauthorized", check.reason === "stale" ? "stale" : "badSignature");
  if (!(await firstTime(`slack:${signature}`, at))) throw refusal(locale, "conflict", "replay");

  let payload: SlackPayload;
  try {
    payload = JSON.parse(params.get("payload") ?? "") as SlackPayload;
  } catch {
    const t = reachTranslator(locale); // i18n-translator: t = reach
    throw new AppError("bad_request", t("errors.payload"));
  }
  const action = payload.actions?.find((a) => a.action_id === "ack" && typeof a.value === "string");
  if (payload.type !== "block_actions" || !action?.value) return new Response(null, { status: 200 });
  const slackId = payload.user?.id ?? "";
  const outcome = await openAckLink(action.value, "slack", await slackPerson(slackId, payload.user?.name ?? payload.user?.username ?? ""));
  if (payload.response_url) await updateSlackMessage(payload.response_url, outcome);
  return Response.json({ ok: outcome.state === "acknowledged", state: outcome.state });
}

/** Who pressed: the app user with that Slack member id, else the Slack name and id as Slack gave them. */
async function slackPerson(slackId: string, slackName: string) {
  const known = slackId ? await prisma.userPagingContact.findFirst({ where: { slackHandle: slackId } }) : null;
  const user = known ? await prisma.user.findUnique({ where: { id: known.userId }, select: { id: true, name: true } }) : null;
  if (user) return { label: user.name, userId: user.id };
  return { label: `${slackName || "Slack"} (Slack ${slackId || "?"})`, userId: null };
}

// ---- Twilio-shaped SMS and voice ----------------------------------------------------------------------

async function twilioRequest(request: Request): Promise<{ params: Record<string, string>; locale: Locale; at: Date }> {
  const locale = requestLocale(request.headers);
  const params = await readForm(request, locale);
  const token = twilioAuthToken();
  if (!token) throw refusal(locale, "not_found", "notConfigured");
  const signature = request.headers.get("x-twilio-signature");
  if (!verifyTwilioRequest({ authToken: token, url: publicUrl(request), params, signature }))
    throw refusal(locale, "unauthorized", "badSignature");
  const at = clockNow();
  // Twilio has no timestamp to check; each message or keypress has its own sid, and the signature covers it.
  const sid = params.MessageSid ?? params.SmsSid ?? params.CallSid ?? "";
  if (!(await firstTime(`twilio:${sid}:${signature}`, at))) throw refusal(locale, "conflict", "replay");
  return { params, locale, at };
}

const twiml = (inner: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`, {
    headers: { "content-type": "text/xml; charset=utf-8" },
  });

/** The words an SMS or a call says back, in Korean (the page's language) — the reply is one short line. */
// i18n-translator: t = reach
function outcomeLine(outcome: AckOutcome): string {
  const t = reachTranslator("ko");
  switch (outcome.state) {
    case "acknowledged":
      return t("reply.acknowledged", { by: outcome.by });
    case "already":
      return t("reply.already", { by: outcome.by });
    case "used":
      return t("reply.used");
    case "expired":
      return t("reply.expired");
    case "invalid":
      return t("reply.invalid");
  }
}

export async function handleTwilioSms(request: Request): Promise<Response> {
  const { params, at } = await twilioRequest(request);
  const from = normalizePhone(params.From ?? "");
  const t = reachTranslator("ko");
  if ((params.Body ?? "").trim() !== "1" || !from) return twiml(`<Message>${escapeXml(t("reply.howTo"))}</Message>`);
  // The newest page to this number that still asks for something: a test page, or a step of an open incident that
  // nobody has acknowledged yet (an older page about a settled step is not what "1" answers).
  const candidates = await prisma.ackLink.findMany({
    where: { channel: "sms", target: from, usedAt: null, expiresAt: { gt: at } },
    // pages of one tick share their time: then the latest incident's
    orderBy: [{ createdAt: "desc" }, { incidentId: "desc" }],
    take: 20,
  });
  let link = null;
  for (const candidate of candidates) {
    if (candidate.purpose === "test" || (await stillOpen(candidate.incidentId, candidate.stepKey))) {
      link = candidate;
      break;
    }
  }
  const outcome: AckOutcome = link ? await spendLink(link, "sms_reply") : { state: "invalid" };
  return twiml(`<Message>${escapeXml(outcomeLine(outcome))}</Message>`);
}

async function stillOpen(incidentId: number | null, stepKey: string | null): Promise<boolean> {
  if (incidentId === null || !stepKey) return false;
  const step = await prisma.escalationFiring.findUnique({
    where: { incidentId_fireKey: { incidentId, fireKey: stepKey } },
    select: { acknowledgedAt: true, incident: { select: { status: true } } },
  });
  return Boolean(step && !step.acknowledgedAt && step.incident.status !== "resolved");
}

export async function handleTwilioVoice(request: Request): Promise<Response> {
  const { params } = await twilioRequest(request);
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const say = (text: string) => `<Say language="ko-KR">${escapeXml(text)}</Say>`;
  const t = reachTranslator("ko"); // i18n-translator: t = reach
  if ((params.Digits ?? "") !== "1") return twiml(say(t("reply.notPressed")));
  return twiml(say(outcomeLine(await openAckLink(token, "phone"))));
}
