// The five user roles must be told apart at a glance (issue 20: admin "관리자" next to manager
// "관리자(매니저)"), and must not read as a contacts-directory role (시스템 관리자, DB 관리자 …, manual 6.1).
// Text written outside React (notifications, timeline, report prefill) names roles as the screens do.
import { describe, expect, it } from "vitest";
import ko from "@/lib/i18n/messages/ko.json";
import en from "@/lib/i18n/messages/en.json";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { ROLES } from "@/lib/domain/roles";
import { planNotifications, roleLabel } from "@/lib/domain/notification-plan";
import { contactRoleName } from "@/lib/i18n/labels";

const catalogues = { ko, en };

describe("role names", () => {
  for (const [locale, messages] of Object.entries(catalogues)) {
    it(`${locale}: the user roles have five different names, none of them a contacts role or its tail`, () => {
      const names = ROLES.map((r) => messages.roles[r]);
      expect(new Set(names).size).toBe(ROLES.length);
      const contactNames = CONTACT_ROLES.map((r) => messages.contacts[r]);
      for (const name of names) {
        // "관리자" is the tail of "시스템 관리자": a reader would take the one for the other
        const clash = contactNames.filter((c) => c === name || c.endsWith(` ${name}`) || c.endsWith(`(${name})`));
        expect(clash, `${locale} user role "${name}"`).toEqual([]);
      }
    });
  }

  it("Korean names the roles as the team says them: 어드민, 지휘자, 대응자, 매니저, 조회자", () => {
    expect(ROLES.map((r) => ko.roles[r])).toEqual(["어드민", "지휘자", "대응자", "매니저", "조회자"]);
    expect(ROLES.map((r) => en.roles[r])).toEqual(["Admin", "Commander", "Responder", "Manager", "Viewer"]);
  });

  it("no Korean contact role mixes in an English word where Korean has one", () => {
    for (const r of CONTACT_ROLES) expect(ko.contacts[r], r).not.toMatch(/Provider|Vendor|Owner|Admin|Lead/i);
  });

  it("notifications name escalation and contact roles exactly as the screens do", () => {
    for (const r of CONTACT_ROLES) {
      expect(roleLabel(r).ko).toBe(ko.contacts[r]);
      expect(roleLabel(r).en.toLowerCase()).toBe(en.contacts[r].toLowerCase());
      expect(contactRoleName(r)).toEqual({ ko: ko.contacts[r], en: en.contacts[r] });
    }
    expect(roleLabel("team_lead").en).toBe("team lead"); // mid-sentence: "Notifying the team lead"
    expect(roleLabel("db_admin").en).toBe("DB admin");
    expect(roleLabel("no_such_role")).toEqual({ ko: "no_such_role", en: "no_such_role" });

    const start = new Date("2026-11-25T03:00:00Z");
    const plan = planNotifications({
      incident: { id: 7, title: "결제 지연", severity: "P0", startedAt: start },
      event: {
        kind: "escalation",
        role: "department_head",
        fireKey: "department_head",
        round: 0,
        at: new Date(start.getTime() + 30 * 60_000),
      },
      contacts: [],
    });
    const slack = plan.deliveries.find((d) => d.channel === "slack");
    expect(slack?.message.ko).toContain(`${ko.contacts.department_head} 알림`);
    expect(slack?.message.en).toContain("Notifying the department head");
  });
});
