import "server-only";
// Delivery adapters are configured by environment variables (SLACK_WEBHOOK_EMERGENCY/_ALERTS/_MONITORING or
// SLACK_WEBHOOK_URL, SMTP_URL or SMTP_HOST…, SMS_PROVIDER_URL + SMS_ACCOUNT_SID/SMS_AUTH_TOKEN/SMS_FROM).
// lib/notify validates them itself; this is the one place that hands it the environment (lib/server/env.ts).
import { featureEnv } from "../env";
import { describeNotifyConfig, notifyConfigFromEnv, type NotifyConfig } from "@/lib/notify";

let cached: NotifyConfig | undefined;

export function notifyConfig(): NotifyConfig {
  cached ??= notifyConfigFromEnv(featureEnv());
  return cached;
}

/** For Settings: which adapter serves each channel, secrets masked, and configuration mistakes. */
export function describeChannels() {
  return describeNotifyConfig(notifyConfig());
}
