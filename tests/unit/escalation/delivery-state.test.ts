import { describe, expect, it } from "vitest";
import { adapterOfProviderId, deliveryTruth, worstDeliveryState, type DeliveryRow } from "@/lib/domain/delivery-state";

const now = new Date("2026-11-25T03:00:00Z");
const row = (patch: Partial<DeliveryRow> = {}): DeliveryRow => ({
  status: "pending",
  attempts: 0,
  notBefore: null,
  isDrill: false,
  ...patch,
});

describe("what a delivery really achieved", () => {
  it("a message the in-app outbox took because Slack is not configured is outbox_only, not delivered", () => {
    expect(deliveryTruth(row({ status: "sent", attempts: 1 }), "outbox", "outbox", now)).toEqual({
      state: "outbox_only",
      via: "outbox",
      outboxReason: "not_configured",
    });
  });

  it("a message Slack, the mail server or the SMS/voice provider accepted is delivered, via that adapter", () => {
    for (const via of ["slack", "email", "sms", "phone"] as const) {
      expect(deliveryTruth(row({ status: "sent", attempts: 1 }), via, "outbox", now)).toEqual({
        state: "delivered",
        via,
        outboxReason: null,
      });
    }
  });

  it("what happened wins over today's configuration: Slack added later does not turn an outbox record into a delivery", () => {
    expect(deliveryTruth(row({ status: "sent", attempts: 1 }), "outbox", "slack", now).state).toBe("outbox_only");
  });

  it("a drill is recorded in the app only, by design, and says so", () => {
    expect(deliveryTruth(row({ status: "sent", attempts: 1, isDrill: true }), "outbox", "slack", now)).toEqual({
      state: "outbox_only",
      via: "outbox",
      outboxReason: "drill",
    });
    // before it is delivered, it is already known to go nowhere else
    expect(deliveryTruth(row({ isDrill: true }), null, "slack", now)).toEqual({ state: "pending", via: "outbox", outboxReason: "drill" });
  });

  it("before the first attempt, via names the adapter that will take it, so an unconfigured channel shows at once", () => {
    expect(deliveryTruth(row(), null, "outbox", now)).toEqual({ state: "pending", via: "outbox", outboxReason: "not_configured" });
    expect(deliveryTruth(row(), null, "sms", now)).toEqual({ state: "pending", via: "sms", outboxReason: null });
  });

  it("held, retrying, sending and failed keep their meaning", () => {
    expect(deliveryTruth(row({ notBefore: new Date(now.getTime() + 60_000) }), null, "email", now).state).toBe("held");
    expect(deliveryTruth(row({ notBefore: new Date(now.getTime() - 60_000) }), null, "email", now).state).toBe("pending");
    expect(deliveryTruth(row({ attempts: 2 }), null, "slack", now).state).toBe("retrying");
    expect(deliveryTruth(row({ status: "sending" }), null, "slack", now).state).toBe("sending");
    expect(deliveryTruth(row({ status: "failed", attempts: 6 }), null, "slack", now).state).toBe("failed");
  });

  it("an escalation page waiting for its person's rule is scheduled, and cancelled once its step was acknowledged", () => {
    const later = new Date(now.getTime() + 3 * 60_000);
    expect(deliveryTruth(row({ event: "escalation", notBefore: later }), null, "phone", now).state).toBe("scheduled");
    expect(deliveryTruth(row({ event: "declared", notBefore: later }), null, "email", now).state).toBe("held");
    expect(deliveryTruth(row({ event: "escalation", notBefore: later, status: "cancelled" }), null, "phone", now).state).toBe("cancelled");
    // a channel with a delivered page and a cancelled later one shows the delivery; cancelled is never a failure
    expect(worstDeliveryState(["cancelled", "delivered"])).toBe("delivered");
    expect(worstDeliveryState(["cancelled", "scheduled"])).toBe("scheduled");
  });

  it("reads the adapter from a recorded provider id", () => {
    expect(adapterOfProviderId("outbox:incident:1|declared|slack|#emergency")).toBe("outbox");
    expect(adapterOfProviderId("sms:SM123")).toBe("sms");
    expect(adapterOfProviderId("slack")).toBe("slack");
    expect(adapterOfProviderId("carrier-pigeon:1")).toBeNull();
    expect(adapterOfProviderId(null)).toBeNull();
  });

  it("a channel shows its least successful message: one outbox-only among delivered ones is not a success", () => {
    expect(worstDeliveryState(["delivered", "outbox_only", "delivered"])).toBe("outbox_only");
    expect(worstDeliveryState(["outbox_only", "retrying"])).toBe("retrying");
    expect(worstDeliveryState(["delivered"])).toBe("delivered");
    expect(worstDeliveryState([])).toBeNull();
  });
});
