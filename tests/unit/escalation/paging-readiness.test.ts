import { describe, expect, it } from "vitest";
import { pagedRoles, pagingReadiness, type ConfiguredAdapters } from "@/lib/domain/paging-readiness";
import type { ContactEntry } from "@/lib/domain/notification-plan";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { complete, everything } from "../support/paging";

const nothing: ConfiguredAdapters = { slack: {}, email: false, sms: false, phone: false };
/** What a fresh install has: one placeholder entry per role, no name, no details (prisma seed). */
const seeded: ContactEntry[] = CONTACT_ROLES.map((role) => ({ role, name: "", phone: "", email: "", slackHandle: "" }));

describe("paging readiness", () => {
  it("a fresh install reaches nobody: every channel only records in the app and every contact lacks phone, email and Slack id", () => {
    const r = pagingReadiness({ adapters: nothing, contacts: seeded });
    expect(r.ready).toBe(false);
    expect(r.severities.map((s) => `${s.severity}:${s.state}`)).toEqual(["P0:not_ready", "P1:not_ready", "P2:not_ready", "P3:not_ready"]);
    expect(r.severities[0].channels.map((c) => `${c.channel}${c.target ?? ""}:${c.state}`)).toEqual([
      "slack#emergency:outbox_only",
      "sms:outbox_only",
      "phone:outbox_only",
    ]);
    const phoneless = r.contactGaps.filter((g) => g.missing === "phone").map((g) => g.role);
    expect(phoneless).toEqual(["system_admin", "db_admin", "network_admin", "team_lead", "department_head", "executive"]);
    // email goes out for P2 and P3 only, which page no department head or executive: their address is no gap
    expect(r.contactGaps.filter((g) => g.missing === "email").map((g) => g.role)).toEqual([
      "system_admin",
      "db_admin",
      "network_admin",
      "team_lead",
    ]);
    expect(r.contactGaps.filter((g) => g.missing === "slack")).toHaveLength(6);
  });

  it("SMS configured but nobody has a phone number: the channel reaches nobody, and P0 is still not ready without Slack", () => {
    const r = pagingReadiness({ adapters: { ...nothing, sms: true, phone: true }, contacts: seeded });
    const p0 = r.severities[0];
    expect(p0.channels.map((c) => c.state)).toEqual(["outbox_only", "nobody", "nobody"]);
    expect(p0.state).toBe("not_ready");
  });

  it("everything configured and every paged person complete: every severity is ready", () => {
    const r = pagingReadiness({ adapters: everything, contacts: complete });
    expect(r.ready).toBe(true);
    expect(r.contactGaps).toEqual([]);
    expect(r.severities[0].channels.map((c) => [c.channel, c.state, c.reached])).toEqual([
      ["slack", "reaches", 6],
      ["sms", "reaches", 6],
      ["phone", "reaches", 6],
    ]);
    expect(r.severities[3]).toMatchObject({
      severity: "P3",
      businessHoursOnly: true,
      roles: ["system_admin", "db_admin", "network_admin"],
    });
  });

  it("one team lead without a phone: P0 is partial and names who cannot get an SMS or a call", () => {
    const contacts = complete.map((c) => (c.role === "team_lead" ? { ...c, name: "Lead Kim", phone: " " } : c));
    const r = pagingReadiness({ adapters: everything, contacts });
    const p0 = r.severities[0];
    expect(p0.state).toBe("partial");
    const sms = p0.channels.find((c) => c.channel === "sms")!;
    expect(sms).toMatchObject({ state: "reaches", reached: 5, gaps: [{ role: "team_lead", name: "Lead Kim", missing: "phone" }] });
    // P3 pages no team lead (no escalation step), and reaches by email: unaffected
    expect(r.severities[3].state).toBe("ready");
    expect(r.contactGaps).toEqual([{ role: "team_lead", name: "Lead Kim", missing: "phone" }]);
  });

  it("Slack is judged per channel: only #emergency configured leaves P2 and P3 Slack posts in the app", () => {
    const r = pagingReadiness({ adapters: { ...everything, slack: { "#emergency": true } }, contacts: complete });
    expect(r.severities.map((s) => `${s.severity}:${s.state}`)).toEqual(["P0:ready", "P1:ready", "P2:partial", "P3:partial"]);
    expect(r.severities[2].channels[0]).toMatchObject({ channel: "slack", target: "#alerts", state: "outbox_only" });
  });

  it("a Slack post reaches its channel even when nobody can be mentioned, but the missing ids are listed", () => {
    const contacts = complete.map((c) => ({ ...c, slackHandle: "" }));
    const r = pagingReadiness({ adapters: everything, contacts });
    const slack = r.severities[0].channels[0];
    expect(slack).toMatchObject({ state: "reaches", reached: 0 });
    expect(slack.gaps.every((g) => g.missing === "slack")).toBe(true);
    expect(r.severities[0].state).toBe("partial");
  });

  it("a paged role with nobody in the directory is named", () => {
    const contacts = complete.filter((c) => c.role !== "executive");
    const r = pagingReadiness({ adapters: everything, contacts });
    expect(r.contactGaps).toEqual([{ role: "executive", name: "", missing: "contact" }]);
    expect(r.severities[1].state).toBe("ready"); // P1 does not escalate to the executive
  });

  it("paged roles: the on-call roles at declaration, then the severity's escalation roles", () => {
    expect(pagedRoles("P0")).toEqual(["system_admin", "db_admin", "network_admin", "team_lead", "department_head", "executive"]);
    expect(pagedRoles("P2")).toEqual(["system_admin", "db_admin", "network_admin", "team_lead"]);
    expect(pagedRoles("P3", ["db_admin"])).toEqual(["db_admin"]);
  });
});
