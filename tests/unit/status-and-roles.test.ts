import { describe, expect, it } from "vitest";
import { allowedNextStatuses, checkTransition } from "@/lib/domain/status";
import { can, ROLES } from "@/lib/domain/roles";
import { planIncidentChange } from "@/lib/domain/incident-change";
import { declareIncidentInput, changeIncidentInput } from "@/lib/domain/incident-input";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { suggestScenarios } from "@/lib/domain/scenarios";

describe("status transitions", () => {
  it("moves forward, may skip ahead, and only reopens from resolved", () => {
    expect(allowedNextStatuses("investigating")).toEqual(["identified", "mitigated", "resolved"]);
    expect(allowedNextStatuses("mitigated")).toEqual(["resolved"]);
    expect(allowedNextStatuses("resolved")).toEqual(["investigating"]);
    expect(checkTransition("mitigated", "identified")).toMatchObject({ ok: false });
    expect(checkTransition("resolved", "mitigated")).toMatchObject({ ok: false });
    expect(checkTransition("resolved", "investigating")).toEqual({ ok: true, reopen: true });
  });
});

describe("roles", () => {
  it("only admins, commanders and responders declare; managers acknowledge; viewers only read", () => {
    expect(ROLES.filter((r) => can(r, "incident.declare"))).toEqual(["admin", "commander", "responder"]);
    expect(ROLES.filter((r) => can(r, "escalation.ack"))).toEqual(["admin", "commander", "manager"]);
    expect(ROLES.filter((r) => can(r, "tokens.manage"))).toEqual(["admin"]);
    expect(ROLES.some((r) => r === "viewer" && (can(r, "incident.note") || can(r, "diagnostics.run")))).toBe(false);
  });
});

describe("change planning", () => {
  const current = { status: "investigating" as const, severity: "P2" as const, commanderId: null, resolvedAt: null };
  const now = new Date("2026-11-25T03:00:00Z");

  it("resolving stamps resolvedAt; reopening clears it", () => {
    const resolve = planIncidentChange(current, { status: "resolved", version: 1 }, { now });
    expect(resolve).toMatchObject({ ok: true, update: { status: "resolved", resolvedAt: now } });
    const reopen = planIncidentChange(
      { ...current, status: "resolved", resolvedAt: now },
      { status: "investigating", version: 2 },
      { now },
    );
    expect(reopen).toMatchObject({ ok: true, update: { resolvedAt: null }, events: [{ kind: "reopened" }] });
  });

  it("a severity change without a reason is refused on the reason field", () => {
    expect(planIncidentChange(current, { severity: "P0", version: 1 }, { now })).toMatchObject({ ok: false, field: "reason" });
  });

  it("a change to the same values is refused, not recorded", () => {
    expect(planIncidentChange(current, { severity: "P2", version: 1 }, { now })).toMatchObject({ ok: false });
  });
});

describe("input validation", () => {
  it("rejects empty titles, unknown severities and unknown fields with field messages", () => {
    const blank = declareIncidentInput.safeParse({ title: "  ", severity: "P1" });
    expect(blank.success).toBe(false);
    expect(declareIncidentInput.safeParse({ title: "x", severity: "P5" }).success).toBe(false);
    expect(declareIncidentInput.safeParse({ title: "x", severity: "P1", color: "red" }).success).toBe(false);
    expect(changeIncidentInput.safeParse({ status: "resolved" }).success).toBe(false);
    expect(changeIncidentInput.safeParse({ version: 3 }).success).toBe(false);
  });
});

describe("language and scenario suggestions", () => {
  it("picks the browser's language when it is ko or en, else Korean", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5,ko;q=0.8")).toBe("ko");
    expect(localeFromAcceptLanguage(null)).toBe("ko");
  });

  it("suggests the runbook whose symptoms match the words used", () => {
    expect(suggestScenarios("Lock acquisition timeout on point charge")[0].slug).toBe("redis-lock-timeout");
    expect(suggestScenarios("Deadlock found when trying to get lock")[0].slug).toBe("db-deadlock");
    expect(suggestScenarios("")).toEqual([]);
  });
});
