import "server-only";
// Email over SMTP with nodemailer. SMTP reply codes decide retrying: 4xx is "try again later" by
// definition (RFC 5321 4.2.1), 5xx is final; connection-level failures are transient.
import nodemailer from "nodemailer";
import type SMTPConnection from "nodemailer/lib/smtp-connection";
import { DEFAULT_TIMEOUT_MS, wrongChannel, type Delivery, type Notifier, type SendResult } from "./types";

export interface SmtpConfig {
  host: string;
  port: number;
  /** implicit TLS (465); false = plain, upgraded by STARTTLS when the server offers it */
  secure: boolean;
  user?: string;
  pass?: string;
  /** "Incident Command <incidents@example.com>" */
  from: string;
  /** refuse to send unless STARTTLS succeeds */
  requireTLS?: boolean;
  timeoutMs?: number;
}

const TRANSIENT_CODES = new Set(["ETIMEDOUT", "ESOCKET", "ECONNECTION", "EDNS", "ETLS", "EPROTOCOL", "ECONNREFUSED", "ECONNRESET"]);

function isSmtpError(error: unknown): error is SMTPConnection.SMTPError {
  return error instanceof Error;
}

export function classifySmtpError(error: unknown): SendResult {
  if (!isSmtpError(error)) return { ok: false, retryable: true, error: `smtp error: ${String(error)}` };
  const code = typeof error.code === "string" ? error.code : "";
  const responseCode = typeof error.responseCode === "number" ? error.responseCode : undefined;
  const detail = `smtp ${code || "error"}${responseCode ? ` ${responseCode}` : ""}: ${error.message}`;
  if (responseCode !== undefined) return { ok: false, retryable: responseCode >= 400 && responseCode < 500, error: detail };
  // EAUTH without a reply code (missing credentials), EENVELOPE, EMESSAGE: the configuration or the
  // message is wrong, and sending it again will not change that.
  return { ok: false, retryable: TRANSIENT_CODES.has(code), error: detail };
}

export function emailContent(delivery: Delivery): { subject: string; text: string } {
  const lines = [delivery.message.ko, "", delivery.message.en];
  if (delivery.ack) lines.push("", "확인(ACK) / Acknowledge:", delivery.ack.url);
  if (delivery.link) lines.push("", delivery.link);
  lines.push("", `severity ${delivery.severity} · incident #${delivery.incidentId}`);
  return { subject: `${delivery.subject.ko} / ${delivery.subject.en}`, text: lines.join("\n") };
}

export function createEmailNotifier(config: SmtpConfig): Notifier {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // One transport per notifier: nodemailer opens a connection per message unless pooled, which is
  // right for the low volume of incident mail and avoids holding idle connections.
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS ?? false,
    auth: config.user ? { user: config.user, pass: config.pass ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  return {
    kind: "email",
    async send(delivery: Delivery): Promise<SendResult> {
      if (delivery.channel !== "email") return wrongChannel("email", delivery);
      const { subject, text } = emailContent(delivery);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: delivery.to,
          subject,
          text,
          // lets a mail system (or a human) spot a duplicate if an outbox row was ever replayed
          headers: { "X-Incident-Command-Key": delivery.idempotencyKey },
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          return { ok: false, retryable: false, error: `smtp rejected ${delivery.to}: ${info.response}` };
        }
        return { ok: true, providerId: info.messageId };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
  };
}
