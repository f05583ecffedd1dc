import "server-only";
// One entry point for the deliverer: build the adapters once from the config, then ask which
// notifier sends a given delivery. Unconfigured channels resolve to the in-app outbox.
import type { NotifyConfig } from "./config";
import { createEmailNotifier } from "./email";
import { createPhoneNotifier, createSmsNotifier } from "./http-provider";
import { createOutboxNotifier } from "./outbox";
import { createSlackNotifier } from "./slack";
import type { Delivery, Notifier } from "./types";

export interface NotifyRouter {
  notifierFor(delivery: Delivery): Notifier;
  /** the embedded default, also for callers that want to record without sending (drills) */
  outbox: Notifier;
}

export function createNotifyRouter(config: NotifyConfig): NotifyRouter {
  const outbox = createOutboxNotifier();
  const slack = config.slack ? createSlackNotifier(config.slack) : null;
  const email = config.email ? createEmailNotifier(config.email) : null;
  const sms = config.sms ? createSmsNotifier(config.sms) : null;
  const phone = config.sms ? createPhoneNotifier(config.sms) : null;
  return {
    outbox,
    notifierFor(delivery) {
      switch (delivery.channel) {
        case "slack":
          // A Slack channel without its own webhook and no catch-all URL is not configured.
          return slack && (config.slack?.webhooks[delivery.to] || config.slack?.fallbackUrl) ? slack : outbox;
        case "email":
          return email ?? outbox;
        case "sms":
          return sms ?? outbox;
        case "phone":
          return phone ?? outbox;
      }
    },
  };
}

export type { Notifier, NotifierKind, Delivery, SendResult, SendFailure } from "./types";
export { notifyConfigFromEnv, describeNotifyConfig, type NotifyConfig, type ChannelDescription } from "./config";
export { createSlackNotifier, type SlackConfig } from "./slack";
export { createEmailNotifier, type SmtpConfig } from "./email";
export { createSmsNotifier, createPhoneNotifier, type HttpProviderConfig } from "./http-provider";
export { createOutboxNotifier } from "./outbox";
