import { describe, expect, it } from "vitest";
import { alertComponents, heldByMaintenance } from "@/lib/domain/status/maintenance";

const now = new Date("2026-11-29T12:00:00Z");
const window = (components: string[], fromMin: number, toMin: number) => ({
  components,
  startsAt: new Date(now.getTime() + fromMin * 60_000),
  endsAt: new Date(now.getTime() + toMin * 60_000),
});

describe("alerts during maintenance", () => {
  it("reads an alert's components from its component label, else from the manual's rule", () => {
    expect(alertComponents("Anything", { component: "payment, orders" })).toEqual(["payment", "orders"]);
    expect(alertComponents("PaymentFailureSpike")).toEqual(["payment"]);
    expect(alertComponents("CouponIssueDelay")).toEqual(["coupons"]);
    expect(alertComponents("NodeDown")).toEqual([]);
  });

  it("holds an alert only while running windows cover every one of its components", () => {
    expect(heldByMaintenance(["payment"], [window(["payment"], -5, 5)], now)).toBe(true);
    expect(heldByMaintenance(["payment", "orders"], [window(["payment"], -5, 5)], now)).toBe(false);
    expect(heldByMaintenance(["payment", "orders"], [window(["payment"], -5, 5), window(["orders"], -1, 1)], now)).toBe(true);
    expect(heldByMaintenance(["payment"], [window(["payment"], 1, 5)], now)).toBe(false);
    expect(heldByMaintenance(["payment"], [window(["payment"], -5, 0)], now)).toBe(false);
    expect(heldByMaintenance(["payment"], [{ ...window(["payment"], -5, 5), cancelledAt: now }], now)).toBe(false);
    expect(heldByMaintenance([], [window(["payment"], -5, 5)], now)).toBe(false);
  });
});
