import "server-only";
// One entry point for the deliverer: build the adapters once from the config, then ask which
// notifier sends a given delivery. Unconfigured channels resolve to the in-app outbox.
import { adapterFor, type NotifyConfig } from "./config";
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

/**
 * `push` is the Web Push sender (lib/server/push/notifier.ts): it reads the device's subscription from the
 * database, so the server passes it in; without it a push delivery is recorded in the outbox only.
 */
export function createNotifyRouter(config: NotifyConfig, extra: { push?: Notifier } = {}): NotifyRouter {
  const outbox = createOutboxNotifier();
  const slack = config.slack ? createSlackNotifier(config.slack) : null;
  const email = config.email ? createEmailNotifier(config.email) : null;
  const sms = config.sms ? createSmsNotifier(config.sms) : null;
  const phone = config.sms ? createPhoneNotifier(config.sms) : null;
  return {
    outbox,
    notifierFor(delivery) {
      if (delivery.channel === "push") return extra.push ?? outbox;
      const notifiers = { slack, email, sms, phone, push: extra.push ?? null, outbox };
      return notifiers[adapterFor(config, delivery.channel, delivery.to)] ?? outbox;
    },
  };
}

export type { Notifier, NotifierKind, Delivery, SendResult, SendFailure } from "./types";
export {
  notifyConfigFromEnv,
  describeNotifyConfig,
  adapterFor,
  configuredAdapters,
  type NotifyConfig,
  type ChannelDescription,
} from "./config";
export { createSlackNotifier, type SlackConfig } from "./slack";
export { createEmailNotifier, type SmtpConfig } from "./email";
export { createSmsNotifier, createPhoneNotifier, type HttpProviderConfig } from "./http-provider";
export { createOutboxNotifier } from "./outbox";
