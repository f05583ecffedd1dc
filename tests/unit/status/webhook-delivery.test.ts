// The HTTP status of a status webhook delivery is read back from what the outbox recorded for the attempt.
import { describe, expect, it } from "vitest";
import { attemptHttpStatus, webhookDeliveryState } from "@/lib/domain/status/webhook-delivery";

describe("webhook delivery", () => {
  it("reads the HTTP status of a success and of a refusal, none for a network error", () => {
    expect(attemptHttpStatus({ ok: true, providerId: "webhook:http:204", error: null })).toBe(204);
    expect(attemptHttpStatus({ ok: true, providerId: "webhook", error: null })).toBeNull(); // recorded before the status was
    expect(attemptHttpStatus({ ok: false, providerId: null, error: "webhook answered 503: busy" })).toBe(503);
    expect(attemptHttpStatus({ ok: false, providerId: null, error: "connect ECONNREFUSED 127.0.0.1:9" })).toBeNull();
    expect(attemptHttpStatus({ ok: false, providerId: null, error: "the webhook answered 500 somewhere" })).toBeNull();
  });

  it("names the delivery's state from the row", () => {
    expect(webhookDeliveryState({ status: "sent", attempts: 1 })).toBe("delivered");
    expect(webhookDeliveryState({ status: "pending", attempts: 0 })).toBe("pending");
    expect(webhookDeliveryState({ status: "pending", attempts: 2 })).toBe("retrying");
    expect(webhookDeliveryState({ status: "sending", attempts: 0 })).toBe("sending");
    expect(webhookDeliveryState({ status: "failed", attempts: 3 })).toBe("failed");
  });
});
