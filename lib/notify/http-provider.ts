import "server-only";
// SMS and voice calls through an HTTP provider in Twilio's shape (contracts 8.2): form-urlencoded
// POST to /2010-04-01/Accounts/{sid}/Messages.json or Calls.json with HTTP Basic auth; 201 JSON
// {sid, status}; errors JSON {code, message, status}. Any Twilio-compatible gateway fits.
import { classifyHttpFailure, parseRetryAfter } from "@/lib/domain/notification-plan";
import { DEFAULT_TIMEOUT_MS, bodyText, networkFailure, wrongChannel, type Delivery, type Notifier, type SendResult } from "./types";

export interface HttpProviderConfig {
  /** "https://api.twilio.com" or a compatible gateway; no trailing path */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** E.164 sender number */
  from: string;
  /** language of the spoken message */
  voiceLanguage?: string;
  timeoutMs?: number;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function smsBody(delivery: Delivery): string {
  // The acknowledge link comes first after the text: it is what a person paged at night taps. Replying "1" works too.
  const ack = delivery.ack ? `확인(ACK): ${delivery.ack.url} (또는 1 회신 / or reply 1)` : "";
  return [delivery.subject.ko, delivery.message.ko, ack, delivery.link].filter(Boolean).join("\n");
}

/**
 * Inline TwiML; the message is said twice because a call answered half-asleep misses the first pass. With an
 * acknowledge link, the call gathers one digit and posts it to the voice webhook, which acknowledges on "1".
 */
export function voiceTwiml(delivery: Delivery, language = "ko-KR", gatherUrl?: string): string {
  const lang = escapeXml(language);
  const say = `<Say language="${lang}">${escapeXml(`${delivery.subject.ko}. ${delivery.message.ko}`)}</Say>`;
  if (!gatherUrl) return `<Response>${say}<Pause length="1"/>${say}</Response>`;
  const prompt = `<Say language="${lang}">확인하려면 1번을 누르세요.</Say>`;
  const gather = `<Gather numDigits="1" timeout="10" method="POST" action="${escapeXml(gatherUrl)}">${say}${prompt}<Pause length="1"/>${say}${prompt}</Gather>`;
  return `<Response>${gather}<Say language="${lang}">입력이 없어 확인되지 않았습니다.</Say></Response>`;
}

/** Where a call's keypress goes: the voice webhook, with the page's acknowledge token. */
export function gatherUrlOf(delivery: Delivery): string | undefined {
  if (!delivery.ack) return undefined;
  const base = delivery.ack.url.replace(/\/ack\/[^/]+$/, "");
  return `${base}/api/integrations/twilio/voice?t=${encodeURIComponent(delivery.ack.token)}`;
}

function endpoint(config: HttpProviderConfig, resource: "Messages" | "Calls"): string {
  const base = config.baseUrl.replace(/\/+$/, "");
  return `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/${resource}.json`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return record(JSON.parse(text));
  } catch {
    return {};
  }
}

async function post(config: HttpProviderConfig, resource: "Messages" | "Calls", form: Record<string, string>): Promise<SendResult> {
  const auth = Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64");
  try {
    const response = await fetch(endpoint(config, resource), {
      method: "POST",
      headers: { authorization: `Basic ${auth}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: "error",
    });
    const text = await bodyText(response);
    const json = parseJson(text);
    if (response.ok) {
      const sid = typeof json.sid === "string" ? json.sid : undefined;
      return sid ? { ok: true, providerId: sid } : { ok: true };
    }
    const code = typeof json.code === "number" || typeof json.code === "string" ? String(json.code) : "";
    const message = typeof json.message === "string" ? json.message : text.trim();
    const detail = code ? `${code} ${message}` : message;
    return classifyHttpFailure(response.status, detail, parseRetryAfter(response.headers.get("retry-after"), new Date()));
  } catch (error) {
    return networkFailure(error);
  }
}

export function createSmsNotifier(config: HttpProviderConfig): Notifier {
  return {
    kind: "sms",
    async send(delivery: Delivery): Promise<SendResult> {
      if (delivery.channel !== "sms") return wrongChannel("sms", delivery);
      return post(config, "Messages", { To: delivery.to, From: config.from, Body: smsBody(delivery) });
    },
  };
}

export function createPhoneNotifier(config: HttpProviderConfig): Notifier {
  return {
    kind: "phone",
    async send(delivery: Delivery): Promise<SendResult> {
      if (delivery.channel !== "phone") return wrongChannel("phone", delivery);
      return post(config, "Calls", {
        To: delivery.to,
        From: config.from,
        Twiml: voiceTwiml(delivery, config.voiceLanguage, gatherUrlOf(delivery)),
      });
    },
  };
}
