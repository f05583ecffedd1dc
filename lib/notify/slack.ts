import "server-only";
// Slack incoming webhooks (contracts 8.1): POST {text, blocks}; 200 "ok"; errors are plain strings;
// 429 carries Retry-After in seconds. The channel is fixed by the webhook, so each of #emergency,
// #alerts and #monitoring has its own URL, or one URL receives everything.
import { classifyHttpFailure, parseRetryAfter } from "@/lib/domain/notification-plan";
import { DEFAULT_TIMEOUT_MS, bodyText, networkFailure, wrongChannel, type Delivery, type Notifier, type SendResult } from "./types";

export interface SlackConfig {
  /** webhook URL per Slack channel name, e.g. {"#emergency": "https://hooks.slack.com/services/…"} */
  webhooks: Partial<Record<string, string>>;
  /** used for a channel without its own webhook */
  fallbackUrl?: string;
  timeoutMs?: number;
}

/** mrkdwn treats & < > as control characters (links, mentions): escape them in every user-supplied text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Slack user/group ids (U…, W…) can be mentioned from a webhook; a display name cannot, so it is shown as text.
function mention(handle: string): string {
  const id = handle.replace(/^@/, "");
  return /^[UW][A-Z0-9]{6,}$/.test(id) ? `<@${id}>` : escapeMrkdwn(`@${id}`);
}

function link(url: string, label: string): string {
  // "|" separates URL and label and ">" ends the link, so neither may appear raw in the URL.
  return `<${escapeMrkdwn(url).replace(/\|/g, "%7C")}|${escapeMrkdwn(label)}>`;
}

export function slackPayload(delivery: Delivery): { text: string; blocks: unknown[] } {
  const { subject, message } = delivery;
  const mentions = delivery.mentions.map(mention).join(" ");
  const body = [
    escapeMrkdwn(message.ko),
    escapeMrkdwn(message.en),
    mentions,
    delivery.link ? link(delivery.link, "Open incident / 장애 보기") : "",
  ]
    .filter(Boolean)
    .join("\n");
  return {
    // `text` is the notification and fallback text; Slack wants it even when blocks are present.
    text: escapeMrkdwn(`${subject.ko} — ${message.ko}`) + (mentions ? ` ${mentions}` : ""),
    blocks: [
      { type: "header", text: { type: "plain_text", text: subject.ko.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: body } },
      ...(delivery.ack
        ? [
            {
              type: "actions",
              block_id: "incident_ack",
              elements: [
                {
                  type: "button",
                  action_id: "ack",
                  style: "primary",
                  text: { type: "plain_text", text: "확인 / Acknowledge" },
                  // the signed link token: the interactivity endpoint acknowledges with it (lib/server/reach/slack.ts)
                  value: delivery.ack.token,
                },
              ],
            },
          ]
        : []),
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: escapeMrkdwn(`severity ${delivery.severity} · incident #${delivery.incidentId} · ${delivery.to}`) },
        ],
      },
    ],
  };
}

export function createSlackNotifier(config: SlackConfig): Notifier {
  return {
    kind: "slack",
    async send(delivery: Delivery): Promise<SendResult> {
      if (delivery.channel !== "slack") return wrongChannel("slack", delivery);
      const url = config.webhooks[delivery.to] ?? config.fallbackUrl;
      if (!url) return { ok: false, retryable: false, error: `no Slack webhook configured for ${delivery.to}` };
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify(slackPayload(delivery)),
          signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
          redirect: "error",
        });
        const text = await bodyText(response);
        if (response.ok) return { ok: true };
        return classifyHttpFailure(response.status, text.trim(), parseRetryAfter(response.headers.get("retry-after"), new Date()));
      } catch (error) {
        return networkFailure(error);
      }
    },
  };
}
