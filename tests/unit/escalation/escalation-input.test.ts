import { describe, expect, it } from "vitest";
import { businessHoursInput, businessHoursOrDefault, contactsInput } from "@/lib/domain/escalation-input";
import { normalizePhone } from "@/lib/domain/notification-plan";
import { DEFAULT_BUSINESS_HOURS } from "@/lib/domain/business-hours";

const entry = { role: "team_lead", name: "Lead Kim", phone: "", email: "", slackHandle: "" };
const fieldErrors = (value: unknown) => {
  const parsed = contactsInput.safeParse(value);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("contacts directory input", () => {
  it("accepts international phone numbers as people type them, and empty fields", () => {
    expect(
      fieldErrors({ contacts: [{ ...entry, phone: "+82 10-1234-5678", email: "lead@example.com", slackHandle: "U0123ABCD" }] }),
    ).toEqual({});
    expect(
      fieldErrors({
        contacts: [
          { ...entry, slackHandle: "@kim.lead" },
          { role: "cloud_provider", name: "", phone: "", email: "", slackHandle: "" },
        ],
      }),
    ).toEqual({});
    expect(normalizePhone("+82 (10) 1234.5678")).toBe("+821012345678");
  });

  it("refuses a local number, a broken address, a handle with spaces and an unknown role, field by field", () => {
    const errors = fieldErrors({
      contacts: [
        { ...entry, phone: "010-1234-5678" },
        { ...entry, email: "lead@" },
        { ...entry, slackHandle: "kim lead" },
        { ...entry, role: "intern" },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual(["contacts.0.phone", "contacts.1.email", "contacts.2.slackHandle", "contacts.3.role"]);
    expect(errors["contacts.0.phone"]).toContain("+82 10-1234-5678");
  });

  it("refuses unknown fields", () => {
    expect(fieldErrors({ contacts: [{ ...entry, pager: "x" }] })).toHaveProperty("contacts.0");
  });
});

describe("business hours input", () => {
  it("accepts the manual's default and a custom zone", () => {
    expect(businessHoursInput.safeParse(DEFAULT_BUSINESS_HOURS).success).toBe(true);
    expect(
      businessHoursInput.safeParse({
        timeZone: "Europe/Berlin",
        start: "08:30",
        end: "17:00",
        days: [1, 2, 3, 4],
        holidays: ["2026-12-25"],
      }).success,
    ).toBe(true);
  });

  it("refuses an unknown zone, a bad time, an end before the start and no days", () => {
    const bad = (v: object) => businessHoursInput.safeParse({ ...DEFAULT_BUSINESS_HOURS, ...v }).success;
    expect(bad({ timeZone: "Mars/Olympus" })).toBe(false);
    expect(bad({ start: "9am" })).toBe(false);
    expect(bad({ start: "18:00", end: "09:00" })).toBe(false);
    expect(bad({ days: [] })).toBe(false);
  });

  it("falls back to the default when nothing (or something broken) is stored", () => {
    expect(businessHoursOrDefault(undefined)).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(businessHoursOrDefault({ timeZone: "Asia/Seoul" })).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(businessHoursOrDefault({ ...DEFAULT_BUSINESS_HOURS, days: [5, 1, 1] }).days).toEqual([1, 5]);
  });
});
