import { describe, expect, it } from "vitest";
import { overrideInput, scheduleInput, toRota } from "@/lib/domain/oncall/input";
import { onCallAt } from "@/lib/domain/oncall/rota";

const layer = { members: ["kim", "park"], rotation: { kind: "weekly" }, handoff: "09:00", startDate: "2026-11-30" };

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("schedule input", () => {
  it("refuses a layer that can never be on call under an unrestricted layer, naming it", () => {
    const officeHours = { ...layer, restrictions: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }] };
    expect(scheduleInput.safeParse({ role: "team_lead", layers: [layer, officeHours] }).success).toBe(true);
    const shadowed = scheduleInput.safeParse({ role: "team_lead", layers: [officeHours, layer] });
    expect(fieldsOf(shadowed)).toEqual({ "layers.0": expect.stringContaining("Layer 1 is never on call: layer 2") });
    // an upper layer that starts later leaves the lower one on call until then
    expect(scheduleInput.safeParse({ role: "team_lead", layers: [layer, { ...layer, startDate: "2026-12-07" }] }).success).toBe(true);
  });

  it("accepts a weekly team-lead rotation and defaults the zone to Asia/Seoul", () => {
    const parsed = scheduleInput.parse({ role: "team_lead", layers: [layer] });
    expect(parsed.timeZone).toBe("Asia/Seoul");
    const rota = toRota({ timeZone: parsed.timeZone, layers: [{ id: "a", input: parsed.layers[0] }], overrides: [] });
    expect(onCallAt(rota, Date.parse("2026-12-08T00:00:00Z")).userId).toBe("park");
  });

  it("names each bad field", () => {
    const result = scheduleInput.safeParse({
      role: "chief_of_snacks",
      timeZone: "Mars/Olympus",
      layers: [
        {
          ...layer,
          members: ["kim", "kim"],
          handoff: "25:00",
          startDate: "2026-02-30",
          rotation: { kind: "hours", hours: 0 },
          restrictions: [{ days: [1], start: "09:00", end: "09:00" }],
        },
      ],
    });
    expect(result.success).toBe(false);
    const fields = fieldsOf(result);
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining([
        "role",
        "timeZone",
        "layers.0.handoff",
        "layers.0.startDate",
        "layers.0.rotation.hours",
        "layers.0.restrictions.0.end",
      ]),
    );
    expect(fields.timeZone).toContain("IANA");
  });

  it("refuses a layer that lists a person twice and a schedule without layers", () => {
    expect(
      fieldsOf(scheduleInput.safeParse({ role: "team_lead", layers: [{ ...layer, members: ["kim", "kim"] }] }))["layers.0.members"],
    ).toContain("twice");
    expect(fieldsOf(scheduleInput.safeParse({ role: "team_lead", layers: [] })).layers).toContain("at least one layer");
  });
});

describe("override input", () => {
  it("refuses an override that ends before it starts", () => {
    const result = overrideInput.safeParse({ userId: "lee", start: "2026-12-02T09:00:00+09:00", end: "2026-12-02T08:00:00+09:00" });
    expect(fieldsOf(result).end).toContain("ends before it starts");
  });

  it("accepts times with an offset", () => {
    expect(overrideInput.safeParse({ userId: "lee", start: "2026-12-02T09:00:00+09:00", end: "2026-12-02T18:00:00Z" }).success).toBe(true);
  });
});
