// The Notification channels of the status page (subscriber email, webhooks): delivered by the outbox deliverer
// through lib/server/status/deliver.ts, never listed among pages.
export const STATUS_EMAIL_CHANNEL = "status_email";
export const WEBHOOK_CHANNEL = "webhook";
export const STATUS_CHANNELS = [STATUS_EMAIL_CHANNEL, WEBHOOK_CHANNEL] as const;
