import "server-only";
// The secrets inbound provider requests are checked with: Slack's signing secret (SLACK_SIGNING_SECRET) and the
// SMS provider's auth token (SMS_AUTH_TOKEN, the same account that sends the SMS and calls).
import { featureEnv } from "../env";
import { notifyConfig } from "../escalations/config";

export function slackSigningSecret(): string | null {
  const value = featureEnv().SLACK_SIGNING_SECRET?.trim();
  return value ? value : null;
}

export function twilioAuthToken(): string | null {
  return notifyConfig().sms?.authToken ?? null;
}
