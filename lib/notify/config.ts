import "server-only";
// Which delivery adapters are configured, read from an env-like record the caller passes in (the
// app's typed env module), never from process.env here. A channel that is not (fully) configured goes
// to the in-app outbox, so an install without Slack or SMTP still records every notification.
import type { ChannelKind } from "@/lib/domain/escalation-matrix";
import type { DeliveryChannel } from "@/lib/domain/notification-plan";
import type { ConfiguredAdapters } from "@/lib/domain/paging-readiness";
import type { HttpProviderConfig } from "./http-provider";
import type { SlackConfig } from "./slack";
import type { SmtpConfig } from "./email";
import type { NotifierKind } from "./types";

export interface NotifyConfig {
  slack: SlackConfig | null;
  email: SmtpConfig | null;
  /** used for both SMS and voice calls */
  sms: HttpProviderConfig | null;
  /** configuration mistakes, shown in Settings; the affected channel falls back to the outbox */
  problems: string[];
}

export type Env = Record<string, string | undefined>;

export const SLACK_CHANNEL_ENV: Record<string, string> = {
  "#emergency": "SLACK_WEBHOOK_EMERGENCY",
  "#alerts": "SLACK_WEBHOOK_ALERTS",
  "#monitoring": "SLACK_WEBHOOK_MONITORING",
};

const DEFAULT_SMS_PROVIDER_URL = "https://api.twilio.com";

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function httpUrl(value: string, name: string, problems: string[]): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return value;
  } catch {
    // fall through to the problem report
  }
  problems.push(`${name} is not an http(s) URL`);
  return undefined;
}

function slackFromEnv(env: Env, problems: string[]): SlackConfig | null {
  const webhooks: Record<string, string> = {};
  for (const [channel, name] of Object.entries(SLACK_CHANNEL_ENV)) {
    const value = read(env, name);
    const url = value ? httpUrl(value, name, problems) : undefined;
    if (url) webhooks[channel] = url;
  }
  const fallbackRaw = read(env, "SLACK_WEBHOOK_URL");
  const fallbackUrl = fallbackRaw ? httpUrl(fallbackRaw, "SLACK_WEBHOOK_URL", problems) : undefined;
  if (Object.keys(webhooks).length === 0 && !fallbackUrl) return null;
  return { webhooks, ...(fallbackUrl ? { fallbackUrl } : {}) };
}

function emailFromEnv(env: Env, problems: string[]): SmtpConfig | null {
  const smtpUrl = read(env, "SMTP_URL");
  const host = read(env, "SMTP_HOST");
  if (!smtpUrl && !host) return null;
  const from = read(env, "SMTP_FROM");
  if (!from) {
    problems.push("SMTP_FROM is required to send email");
    return null;
  }
  const secureEnv = read(env, "SMTP_SECURE");
  if (smtpUrl) {
    let url: URL;
    try {
      url = new URL(smtpUrl);
    } catch {
      problems.push("SMTP_URL is not a URL (smtp://user:pass@host:587 or smtps://…)");
      return null;
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
      problems.push("SMTP_URL must start with smtp:// or smtps://");
      return null;
    }
    const secure = secureEnv ? secureEnv === "true" : url.protocol === "smtps:";
    const port = url.port ? Number(url.port) : secure ? 465 : 587;
    return {
      host: url.hostname,
      port,
      secure,
      ...(url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : {}),
      from,
    };
  }
  const portRaw = read(env, "SMTP_PORT");
  const port = portRaw ? Number(portRaw) : 587;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    problems.push("SMTP_PORT must be a port number");
    return null;
  }
  const user = read(env, "SMTP_USER");
  return {
    host: host ?? "",
    port,
    secure: secureEnv ? secureEnv === "true" : port === 465,
    ...(user ? { user, pass: read(env, "SMTP_PASS") ?? "" } : {}),
    from,
  };
}

function smsFromEnv(env: Env, problems: string[]): HttpProviderConfig | null {
  const names = ["SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"] as const;
  const values = names.map((n) => read(env, n));
  const urlRaw = read(env, "SMS_PROVIDER_URL");
  if (values.every((v) => v === undefined) && !urlRaw) return null;
  const [accountSid, authToken, from] = values;
  if (!accountSid || !authToken || !from) {
    problems.push(`SMS/voice needs ${names.filter((_, i) => values[i] === undefined).join(", ")}`);
    return null;
  }
  const baseUrl = urlRaw ? httpUrl(urlRaw, "SMS_PROVIDER_URL", problems) : DEFAULT_SMS_PROVIDER_URL;
  if (!baseUrl) return null;
  return { baseUrl, accountSid, authToken, from };
}

export function notifyConfigFromEnv(env: Env): NotifyConfig {
  const problems: string[] = [];
  const slack = slackFromEnv(env, problems);
  const email = emailFromEnv(env, problems);
  const sms = smsFromEnv(env, problems);
  return { slack, email, sms, problems };
}

/**
 * The adapter that takes a delivery on `channel` to `target` (a Slack channel name for Slack): the same
 * choice the deliverer's router makes, so the screen can say before and after sending where a page goes.
 */
export function adapterFor(config: NotifyConfig, channel: DeliveryChannel, target: string): NotifierKind {
  switch (channel) {
    case "slack":
      // A Slack channel without its own webhook and no catch-all URL is not configured.
      return config.slack && (config.slack.webhooks[target] || config.slack.fallbackUrl) ? "slack" : "outbox";
    case "email":
      return config.email ? "email" : "outbox";
    case "sms":
    case "phone":
      return config.sms ? channel : "outbox";
    case "push":
      // Web Push needs no configuration: the VAPID pair is generated at the first start
      return "push";
  }
}

/** Which adapters exist, as the paging readiness check (lib/domain/paging-readiness) takes them. */
export function configuredAdapters(config: NotifyConfig): ConfiguredAdapters {
  return {
    slack: Object.fromEntries(Object.keys(SLACK_CHANNEL_ENV).map((target) => [target, adapterFor(config, "slack", target) === "slack"])),
    email: config.email !== null,
    sms: config.sms !== null,
    phone: config.sms !== null,
  };
}

// ---- Settings page --------------------------------------------------------------------------------

export interface ChannelDescription {
  channel: ChannelKind;
  /** Slack channel name for kind "slack" */
  target?: string;
  adapter: NotifierKind;
  /** where it goes, with secrets masked */
  detail: string;
}

/** Keeps the last 4 characters so an admin can tell two secrets apart without seeing either. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}

function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    // Webhook URLs carry their secret in the path, so only the origin is shown in clear.
    return `${url.origin}/${maskSecret(url.pathname + url.search)}`;
  } catch {
    return maskSecret(value);
  }
}

const OUTBOX_DETAIL = "in-app outbox (not configured)";

export function describeNotifyConfig(config: NotifyConfig): { channels: ChannelDescription[]; problems: string[] } {
  const channels: ChannelDescription[] = [];
  for (const target of Object.keys(SLACK_CHANNEL_ENV)) {
    const url = config.slack?.webhooks[target] ?? config.slack?.fallbackUrl;
    channels.push(
      url
        ? { channel: "slack", target, adapter: "slack", detail: maskUrl(url) }
        : { channel: "slack", target, adapter: "outbox", detail: OUTBOX_DETAIL },
    );
  }
  const email = config.email;
  channels.push(
    email
      ? {
          channel: "email",
          adapter: "email",
          detail: `${email.secure ? "smtps" : "smtp"}://${email.user ? `${email.user}:••••@` : ""}${email.host}:${email.port} from ${email.from}`,
        }
      : { channel: "email", adapter: "outbox", detail: OUTBOX_DETAIL },
  );
  for (const kind of ["sms", "phone"] as const) {
    const sms = config.sms;
    channels.push(
      sms
        ? {
            channel: kind,
            adapter: kind,
            detail: `${new URL(sms.baseUrl).origin} account ${maskSecret(sms.accountSid)} token •••• from ${sms.from}`,
          }
        : { channel: kind, adapter: "outbox", detail: OUTBOX_DETAIL },
    );
  }
  return { channels, problems: [...config.problems] };
}
