import "server-only";
// The embedded default: nothing leaves the machine. The app records every delivery in its in-app
// outbox log, so "sent" here means "recorded", which is what a drill or an unconfigured install wants.
import type { Delivery, Notifier, SendResult } from "./types";

export function createOutboxNotifier(): Notifier {
  return {
    kind: "outbox",
    async send(delivery: Delivery): Promise<SendResult> {
      return { ok: true, providerId: `outbox:${delivery.idempotencyKey}` };
    },
  };
}
