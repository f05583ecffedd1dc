// First paint with the data (issue 12): what the incident room, the incident list and the escalation board render on
// the server is what their client hooks would fetch — under the hooks' react-query keys, in the API's JSON shape, and
// with the viewer's own visibility (contacts masked for who may not see them) — so react-query takes over seamlessly.
import { beforeAll, describe, expect, it } from "vitest";
import type { DehydratedState } from "@tanstack/react-query";
import { createApiToken } from "@/lib/server/tokens";
import { addNote, declareIncident } from "@/lib/server/incidents";
import { advanceClock, now } from "@/lib/server/clock";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { firstPaintOfEscalationBoard, firstPaintOfIncident, firstPaintOfIncidentList } from "@/lib/server/first-paint";
import { escalationKeys, oncallKeys, queryKeys } from "@/lib/client/query-keys";
import { GET as INCIDENT } from "@/app/api/v1/incidents/[id]/route";
import { GET as INCIDENTS } from "@/app/api/v1/incidents/route";
import { GET as TIMELINE } from "@/app/api/v1/incidents/[id]/timeline/route";
import { GET as ESCALATIONS } from "@/app/api/v1/escalations/route";
import { GET as READINESS } from "@/app/api/v1/escalations/readiness/route";
import { GET as ONCALL_SUMMARY } from "@/app/api/v1/oncall/summary/route";
import { actorFor } from "../support/actors";

const ROLES = ["viewer", "admin"] as const;
const tokens: Record<string, string> = {};
let incidentId: number;

beforeAll(async () => {
  const admin = await actorFor("admin");
  for (const role of ROLES) tokens[role] = (await createApiToken(admin, { name: `first-paint-${role}`, role })).token;
  incidentId = (await declareIncident(await actorFor("commander"), { title: "First paint: checkout 502s", severity: "P0" })).id;
  await addNote(await actorFor("responder"), incidentId, "Rolled back payment-gateway to 4.12");
  advanceClock(16 * 60_000); // the P0's team-lead step fires at 15 min: the schedule has a fired step with its pages
  await runSchedulerTick(now(), "first-paint-test");
});

async function api(
  role: string,
  route: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  url: string,
  params = {},
) {
  const response = await route(new Request(`http://test${url}`, { headers: { authorization: `Bearer ${tokens[role]}` } }), {
    params: Promise.resolve(params),
  });
  expect(response.status, url).toBe(200);
  return (await response.json()) as unknown;
}

/** The data without what moves with the clock between two reads (countdowns, the read's own time). */
function still(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(still);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !["remainingMs", "timeLeftMs", "now", "fetchedAt", "at", "checkedAt", "coverageUntil"].includes(k))
        .map(([k, v]) => [k, still(v)]),
    );
  }
  return value;
}

function dataOf(state: DehydratedState, key: readonly unknown[]) {
  const query = state.queries.find((q) => JSON.stringify(q.queryKey) === JSON.stringify(key));
  expect(query, `prefetched ${JSON.stringify(key)}`).toBeDefined();
  expect(query!.state.status).toBe("success");
  return query!.state.data as Record<string, unknown>;
}

describe(`first paint on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("the room's first paint holds what the room's fetches read, under the room's keys, as each viewer may see it", async () => {
    const id = String(incidentId);
    for (const role of ROLES) {
      const state = await firstPaintOfIncident(await actorFor(role), incidentId);
      expect(state.queries.map((q) => q.queryKey)).toEqual([
        queryKeys.incident(incidentId),
        queryKeys.timelinePages(incidentId),
        escalationKeys.incident(incidentId),
      ]);
      const incident = dataOf(state, queryKeys.incident(incidentId));
      expect(typeof incident.fetchedAt).toBe("number");
      expect(incident.startedAt, "dates as the API's JSON: ISO strings").toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      expect(still(incident)).toEqual(still(await api(role, INCIDENT, `/api/v1/incidents/${id}`, { id })));

      const timeline = dataOf(state, queryKeys.timelinePages(incidentId)) as { pages: unknown[]; pageParams: unknown[] };
      expect(timeline.pageParams).toEqual([undefined]);
      expect(timeline.pages).toEqual([await api(role, TIMELINE, `/api/v1/incidents/${id}/timeline?order=desc`, { id })]);
      expect(timeline.pages[0]).toMatchObject({ items: [{ kind: "escalated" }, { kind: "note" }, { kind: "declared" }] });

      const escalation = dataOf(state, escalationKeys.incident(incidentId));
      expect(typeof escalation.fetchedAt).toBe("number");
      expect(still(escalation)).toEqual(still(await api(role, ESCALATIONS, `/api/v1/escalations?incidentId=${id}`)));
      expect(escalation).toMatchObject({ steps: expect.arrayContaining([expect.objectContaining({ key: "team_lead", state: "fired" })]) });
    }
  });

  it("the list's and the board's first paint hold the first page and the board as their fetches read them", async () => {
    const list = await firstPaintOfIncidentList();
    expect(list.queries.map((q) => q.queryKey)).toEqual([queryKeys.incidentPages("all")]);
    const pages = dataOf(list, queryKeys.incidentPages("all")) as { pages: { items: { id: number }[] }[] };
    expect(pages.pages[0].items.map((i) => i.id)).toContain(incidentId);
    expect(still(pages.pages)).toEqual([still(await api("viewer", INCIDENTS, "/api/v1/incidents?status=all"))]);

    for (const role of ROLES) {
      const board = await firstPaintOfEscalationBoard(await actorFor(role));
      expect(board.queries.map((q) => q.queryKey)).toEqual([escalationKeys.board, escalationKeys.readiness, oncallKeys.summary]);
      const data = dataOf(board, escalationKeys.board) as { items: { incident: { id: number } }[] };
      expect(data.items.map((i) => i.incident.id)).toContain(incidentId);
      expect(still(data)).toEqual(still(await api(role, ESCALATIONS, "/api/v1/escalations")));
      expect(still(dataOf(board, escalationKeys.readiness))).toEqual(still(await api(role, READINESS, "/api/v1/escalations/readiness")));
      expect(still(dataOf(board, oncallKeys.summary))).toEqual(still(await api(role, ONCALL_SUMMARY, "/api/v1/oncall/summary")));
    }
  });
});
