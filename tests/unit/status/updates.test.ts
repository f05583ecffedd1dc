import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDERS, nextUpdateDue, updateTemplate } from "@/lib/domain/status/updates";

describe("update templates", () => {
  it("writes Korean and English from the scenario, the severity and the components, without internal detail", () => {
    const text = updateTemplate({
      status: "identified",
      severity: "P1",
      scenario: "db-deadlock",
      components: [{ ko: "결제", en: "Payment" }],
    });
    expect(text.ko).toContain("결제");
    expect(text.ko).toContain("원인을 파악했으며");
    expect(text.en).toContain("Payment");
    expect(text.en).toContain("identified the cause");
    expect(text.ko).not.toMatch(/deadlock|데드락/i);
  });

  it("has a generic text without a scenario and an apology when resolved", () => {
    expect(updateTemplate({ status: "investigating", severity: "P0", scenario: null, components: [] }).en).toMatch(
      /^We are experiencing a full service outage: some services/,
    );
    expect(updateTemplate({ status: "resolved", severity: "P0", scenario: null, components: [] }).ko).toContain("해결");
  });
});

describe("update reminder", () => {
  const startedAt = new Date("2026-11-29T12:00:00Z");
  const min = 60_000;
  it("is due 30 min after declaration for P0 and 60 min for P1, counted from the last update", () => {
    expect(
      nextUpdateDue({ severity: "P0", open: true, startedAt, lastPublishedAt: null, settings: DEFAULT_REMINDERS, now: startedAt }).dueAt,
    ).toEqual(new Date(startedAt.getTime() + 30 * min));
    const p1 = nextUpdateDue({
      severity: "P1",
      open: true,
      startedAt,
      lastPublishedAt: new Date(startedAt.getTime() + 10 * min),
      settings: DEFAULT_REMINDERS,
      now: new Date(startedAt.getTime() + 71 * min),
    });
    expect(p1).toEqual({ dueAt: new Date(startedAt.getTime() + 70 * min), overdue: true });
  });

  it("has none for P2/P3 by default and none once resolved", () => {
    expect(
      nextUpdateDue({ severity: "P2", open: true, startedAt, lastPublishedAt: null, settings: DEFAULT_REMINDERS, now: startedAt }).dueAt,
    ).toBeNull();
    expect(
      nextUpdateDue({ severity: "P0", open: false, startedAt, lastPublishedAt: null, settings: DEFAULT_REMINDERS, now: startedAt }).dueAt,
    ).toBeNull();
  });
});
