// apiRoute's query-string schema: a bad query answers 422 naming the parameter, unknown parameters are
// refused where the route is strict, and the role is checked before the query is read.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/server/tokens";
import { declareIncident } from "@/lib/server/incidents";
import { GET as INCIDENTS } from "@/app/api/v1/incidents/route";
import { GET as METRICS } from "@/app/api/v1/metrics/route";
import { GET as ACTION_ITEMS } from "@/app/api/v1/postmortems/action-items/route";
import { DELETE as UNTICK } from "@/app/api/v1/incidents/[id]/runbook/ticks/route";
import { actorFor } from "../support/actors";

const tokens: Record<string, string> = {};
let incidentId: number;

beforeAll(async () => {
  const admin = await actorFor("admin");
  for (const role of ["responder", "viewer"] as const) tokens[role] = (await createApiToken(admin, { name: `query-${role}`, role })).token;
  incidentId = (await declareIncident(await actorFor("commander"), { title: "Query string checks", severity: "P3" })).id;
});

const call = (
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  role: string,
  url: string,
  method = "GET",
  params: Record<string, string> = {},
) =>
  handler(new Request(`http://test${url}`, { method, headers: { authorization: `Bearer ${tokens[role]}` } }), {
    params: Promise.resolve(params),
  });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
}

describe("query strings through apiRoute", () => {
  it("passes the parsed query to the handler", async () => {
    const response = await call(INCIDENTS, "viewer", "/api/v1/incidents?status=open&limit=500");
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { id: number; status: string }[] };
    expect(items.some((i) => i.id === incidentId)).toBe(true);
    expect(items.every((i) => i.status !== "resolved")).toBe(true);
    expect((await call(ACTION_ITEMS, "viewer", "/api/v1/postmortems/action-items?status=overdue")).status).toBe(200);
  });

  it("answers 422 naming the parameter for a bad value, and refuses unknown parameters", async () => {
    const bad = await call(INCIDENTS, "viewer", "/api/v1/incidents?status=closed");
    expect(bad.status).toBe(422);
    expect(await errorOf(bad)).toEqual({
      code: "validation_failed",
      message: "status must be open, resolved or all.",
      fields: { status: "status must be open, resolved or all." },
    });

    const range = await errorOf(await call(METRICS, "viewer", "/api/v1/metrics?range=2h"));
    expect(range.fields).toEqual({ range: expect.stringContaining("range must be one of 15m") });

    const unknown = await call(INCIDENTS, "viewer", "/api/v1/incidents?stauts=open");
    expect(unknown.status).toBe(422);
    expect((await errorOf(unknown)).fields).toEqual({ stauts: 'Unknown field "stauts".' });
  });

  it("checks the role before the query: a viewer is refused 403 even with a missing parameter", async () => {
    const url = `/api/v1/incidents/${incidentId}/runbook/ticks`;
    expect((await call(UNTICK, "viewer", url, "DELETE", { id: String(incidentId) })).status).toBe(403);
    const missing = await call(UNTICK, "responder", url, "DELETE", { id: String(incidentId) });
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).fields).toEqual({ stepId: "stepId is required." });
  });
});
