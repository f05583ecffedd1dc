import "server-only";
// Sends the status page's Notification rows (channel "status_email" and "webhook"); the outbox deliverer
// (escalations/deliverer.ts) claims them like every other row and records the result, so each goes out once
// and a failure is retried. Subscriber email uses STATUS_SMTP_URL when set, else the app's SMTP settings;
// without either it is recorded in the in-app outbox only. Webhooks are signed (docs/status-page.md).
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { Notification } from "@/lib/generated/prisma/client";
import type { SendResult } from "@/lib/domain/notification-plan";
import { signatureHeader, signedPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/domain/status/webhook-signature";
import { notifyConfigFromEnv, type SmtpConfig } from "@/lib/notify";
import { classifySmtpError } from "@/lib/notify/email";
import { bodyText, DEFAULT_TIMEOUT_MS, networkFailure } from "@/lib/notify/types";
import { featureEnv } from "../env";
import { prisma } from "../db";
import { STATUS_EMAIL_CHANNEL, WEBHOOK_CHANNEL, type StatusMessagePayload } from "./publish";

export function isStatusChannel(channel: string): boolean {
  return channel === STATUS_EMAIL_CHANNEL || channel === WEBHOOK_CHANNEL;
}

export function statusSmtpConfig(): SmtpConfig | null {
  const e = featureEnv();
  if (e.STATUS_SMTP_URL) return notifyConfigFromEnv({ SMTP_URL: e.STATUS_SMTP_URL, SMTP_FROM: e.STATUS_SMTP_FROM ?? e.SMTP_FROM }).email;
  return notifyConfigFromEnv(e).email;
}

function payloadOf(row: Notification): StatusMessagePayload["status"] | null {
  const p = row.payload as Partial<StatusMessagePayload> | null;
  return p && typeof p === "object" && p.status && typeof p.status === "object" ? p.status : null;
}

export async function sendStatusMessage(row: Notification): Promise<{ kind: string; result: SendResult }> {
  const message = payloadOf(row);
  if (!message) return { kind: "outbox", result: { ok: false, retryable: false, error: "the row has no status message" } };
  if (message.kind === "email") {
    const config = statusSmtpConfig();
    if (!config) return { kind: "outbox", result: { ok: true, providerId: `outbox:${row.idempotencyKey}` } };
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.pass ?? "" } : undefined,
      connectionTimeout: DEFAULT_TIMEOUT_MS,
      greetingTimeout: DEFAULT_TIMEOUT_MS,
      socketTimeout: DEFAULT_TIMEOUT_MS * 3,
    });
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: row.target,
        subject: message.subject,
        text: message.text,
        headers: {
          "X-Incident-Command-Key": row.idempotencyKey,
          // RFC 8058 one-click unsubscribe from the mail client
          ...(message.oneClickUrl
            ? { "List-Unsubscribe": `<${message.oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : {}),
        },
      });
      return { kind: "email", result: { ok: true, providerId: info.messageId } };
    } catch (error) {
      return { kind: "email", result: classifySmtpError(error) };
    }
  }
  const hook = await prisma.statusWebhook.findUnique({ where: { id: message.webhookId } });
  if (!hook || hook.revokedAt) return { kind: "webhook", result: { ok: false, retryable: false, error: "the webhook was removed" } };
  const timestamp = Math.floor(Date.now() / 1000);
  const hex = createHmac("sha256", hook.secret).update(signedPayload(timestamp, message.body)).digest("hex");
  try {
    const response = await fetch(hook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signatureHeader(hex),
        "x-status-delivery": row.idempotencyKey,
      },
      body: message.body,
      redirect: "manual",
      signal: AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
    });
    // the status is recorded with the attempt ("webhook:http:204") for Settings → Status page's delivery list
    if (response.ok) return { kind: "webhook", result: { ok: true, providerId: `http:${response.status}` } };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return { kind: "webhook", result: { ok: false, retryable, error: `webhook answered ${response.status}: ${await bodyText(response)}` } };
  } catch (error) {
    return { kind: "webhook", result: networkFailure(error) };
  }
}
