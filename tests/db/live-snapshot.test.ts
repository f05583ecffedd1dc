// Live updates that scale with watchers: an incident's change reaches every open stream (app/api/v1/stream) with
// the room's new data — the incident, its newest timeline page, its escalation schedule — so open rooms do not
// refetch; a change that does not say what it touched stays a bare notice (the room refetches everything).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/server/tokens";
import { addNote, changeIncident, declareIncident } from "@/lib/server/incidents";
import { publish } from "@/lib/server/change-bus";
import { advanceClock, now } from "@/lib/server/clock";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { acknowledgeStep } from "@/lib/server/escalations/acknowledge";
import { incidentTopic } from "@/lib/domain/live-topics";
import { GET as STREAM } from "@/app/api/v1/stream/route";
import { GET as INCIDENT } from "@/app/api/v1/incidents/[id]/route";
import type { IncidentSnapshot } from "@/lib/server/live-snapshot";
import { actorFor } from "../support/actors";

interface Change {
  topic: string;
  parts?: string[];
  snapshot?: IncidentSnapshot;
}

const tokens: Record<string, string> = {};
const aborts: AbortController[] = [];
let incidentId: number;

beforeAll(async () => {
  const admin = await actorFor("admin");
  for (const role of ["viewer", "admin"] as const) tokens[role] = (await createApiToken(admin, { name: `live-${role}`, role })).token;
  incidentId = (await declareIncident(await actorFor("commander"), { title: "War room with watchers", severity: "P1" })).id;
});
afterAll(() => aborts.forEach((a) => a.abort()));

/** Opens the stream as the room does and hands back a reader of its change events. */
async function openRoom(role: string) {
  const abort = new AbortController();
  aborts.push(abort);
  const response = await STREAM(
    new Request(`http://test/api/v1/stream?topics=${incidentTopic(incidentId)}`, {
      headers: { authorization: `Bearer ${tokens[role]}` },
      signal: abort.signal,
    }),
    { params: Promise.resolve({}) },
  );
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function nextChange(timeoutMs = 5_000): Promise<Change> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cut = buffer.indexOf("\n\n");
      if (cut >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = /^event: change\ndata: (.*)$/m.exec(event)?.[1];
        if (data) return JSON.parse(data) as Change;
        continue;
      }
      if (Date.now() > deadline) throw new Error("no change event");
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

async function roomRead(role: string) {
  const response = await INCIDENT(
    new Request(`http://test/api/v1/incidents/${incidentId}`, { headers: { authorization: `Bearer ${tokens[role]}` } }),
    { params: Promise.resolve({ id: String(incidentId) }) },
  );
  return (await response.json()) as Record<string, unknown> & { version: number };
}

describe(`live snapshots on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("a severity change reaches every watcher with the room's new data, equal to what a refetch would read", async () => {
    const viewerRoom = await openRoom("viewer");
    const adminRoom = await openRoom("admin");
    const commander = await actorFor("commander");
    const before = await roomRead("viewer");
    const changed = await changeIncident(commander, incidentId, {
      severity: "P0",
      reason: "checkout down everywhere",
      version: before.version,
    });

    const [forViewer, forAdmin] = await Promise.all([viewerRoom(), adminRoom()]);
    for (const change of [forViewer, forAdmin]) {
      expect(change.topic).toBe(incidentTopic(incidentId));
      expect(change.parts).toEqual(["incident", "timeline", "escalation"]);
      expect(change.snapshot?.incident).toMatchObject({ id: incidentId, severity: "P0", version: changed.version });
      expect(change.snapshot?.timeline.items[0]).toMatchObject({ kind: "severity" });
      // the P0 ladder (team lead, department head, executive) replaced P1's two steps
      expect(change.snapshot?.escalation.steps.map((s) => s.key)).toEqual(["team_lead", "department_head", "executive"]);
    }
    // what the watcher holds is what a refetch gives (but for the clock-relative countdowns)
    const after = await roomRead("viewer");
    const { sla: _a, escalation: _b, ...pushed } = forViewer.snapshot!.incident as unknown as Record<string, unknown>;
    const { sla: _c, escalation: _d, ...read } = after;
    expect(pushed).toEqual(read);
  });

  it("a note arrives on top of the pushed timeline page; a change that names no parts stays a bare notice", async () => {
    const room = await openRoom("viewer");
    await addNote(await actorFor("responder"), incidentId, "Rolled back payment-gateway to 4.12");
    const noted = await room();
    expect(noted.snapshot?.timeline.items[0]).toMatchObject({ kind: "note" });
    expect(noted.snapshot?.timeline.items.some((e) => e.kind === "severity")).toBe(true);

    await publish(incidentTopic(incidentId));
    const bare = await room();
    expect(bare.topic).toBe(incidentTopic(incidentId));
    expect(bare.snapshot).toBeUndefined();
  });

  it("an escalation step fired and then acknowledged reaches the room with the new schedule, no refetch needed", async () => {
    const room = await openRoom("viewer");
    advanceClock(16 * 60_000); // the P0's team-lead step is due at 15 min
    await runSchedulerTick(now(), "live-test");
    const fired = await room();
    const lead = fired.snapshot?.escalation.steps.find((s) => s.key === "team_lead");
    expect(lead?.state).toBe("fired");
    expect(fired.snapshot?.timeline.items.some((e) => e.kind === "escalated")).toBe(true);

    await acknowledgeStep(await actorFor("manager"), incidentId, lead!.id!);
    let acknowledged = await room();
    // pages of the fired step may be delivered meanwhile (each a change of its own): wait for the acknowledgement
    while (!acknowledged.snapshot?.escalation.steps.find((s) => s.key === "team_lead")?.acknowledgedAt) acknowledged = await room();
    expect(acknowledged.parts).toEqual(["incident", "timeline", "escalation"]);
    expect(acknowledged.snapshot?.incident.escalation.steps.find((s) => s.key === "team_lead")?.acknowledgedAt).not.toBeNull();
  });
});
