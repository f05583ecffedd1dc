import "server-only";
// After a button press, the Slack post says who acknowledged (response_url, replace_original). This edits the post
// the outbox already delivered; it pages nobody. Slack's response_url is theirs alone (hooks.slack.com); a failed
// edit is logged and the acknowledgement stands.
import type { AckOutcome } from "./ack-links";
import { reachTranslator } from "./messages";

// i18n-translator: t = reach
export function slackUpdateText(outcome: AckOutcome): string {
  const t = reachTranslator("ko");
  const e = reachTranslator("en");
  switch (outcome.state) {
    case "acknowledged":
    case "already":
      return `✅ ${t("slack.acknowledged", { by: outcome.by, at: outcome.at })} / ${e("slack.acknowledged", { by: outcome.by, at: outcome.at })}`;
    case "used":
      return `✅ ${t("slack.acknowledged", { by: outcome.by, at: outcome.at })} / ${e("slack.acknowledged", { by: outcome.by, at: outcome.at })}`;
    case "expired":
      return `⚠ ${t("slack.expired")} / ${e("slack.expired")}`;
    case "invalid":
      return `⚠ ${t("slack.invalid")} / ${e("slack.invalid")}`;
  }
}

export async function updateSlackMessage(responseUrl: string, outcome: AckOutcome): Promise<boolean> {
  try {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ replace_original: true, text: slackUpdateText(outcome) }),
      signal: AbortSignal.timeout(5_000),
      redirect: "error",
    });
    if (!response.ok) console.warn(`[reach] Slack message update answered HTTP ${response.status}`);
    return response.ok;
  } catch (error) {
    console.warn("[reach] Slack message update failed", error instanceof Error ? error.message : error);
    return false;
  }
}
