// Every list of the API pages with a cursor ({items, nextCursor?}): walking the pages gives every row exactly once,
// in the list's order, however many rows share a sort key; rows added while a client walks never shift a page;
// filters are applied by the query (not to one page); a cursor that is not ours is a 400 in the asker's language.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { createApiToken } from "@/lib/server/tokens";
import { addNote, declareIncident } from "@/lib/server/incidents";
import { compareIncidents } from "@/lib/domain/incident-order";
import { now as clockNow } from "@/lib/server/clock";
import { GET as INCIDENTS } from "@/app/api/v1/incidents/route";
import { GET as TIMELINE } from "@/app/api/v1/incidents/[id]/timeline/route";
import { GET as POSTMORTEMS } from "@/app/api/v1/postmortems/route";
import { GET as NOTIFICATIONS } from "@/app/api/v1/notifications/route";
import type { IncidentDto, TimelineEventDto } from "@/lib/server/incident-dto";
import { STATUS_CHANNELS } from "@/lib/server/status/channels";
import { actorFor } from "../support/actors";

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
let token = "";

beforeAll(async () => {
  token = (await createApiToken(await actorFor("admin"), { name: "pagination", role: "admin" })).token;
});

async function get(handler: Handler, url: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return handler(new Request(`http://test${url}`, { headers: { authorization: `Bearer ${token}`, ...headers } }), {
    params: Promise.resolve(params),
  });
}

/** Every page of a list, following nextCursor; fails on a page that is not 200. */
async function walk<T>(handler: Handler, url: string, params: Record<string, string> = {}): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res = await get(handler, cursor ? `${url}${sep}cursor=${cursor}` : url, params);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: T[]; nextCursor?: string };
    items.push(...body.items);
    cursor = body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(10_000);
  } while (cursor);
  return { items, pages };
}

const ids = (items: { id: number | string }[]) => items.map((i) => i.id);

describe(`cursor pages on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("the incident list walks every incident once, open first by severity and time left, then resolved newest first", async () => {
    const commander = await actorFor("commander");
    const start = new Date(clockNow().getTime() - 3_600_000);
    // 30 incidents, several sharing one start time and severity (ties broken by id), a third of them resolved
    for (let i = 0; i < 30; i++) {
      const incident = await declareIncident(
        commander,
        { title: `Paged incident ${i}`, severity: (["P0", "P1", "P2", "P3"] as const)[i % 4] },
        { startedAt: new Date(start.getTime() + Math.floor(i / 6) * 60_000) },
      );
      if (i % 3 === 0) await prisma.incident.update({ where: { id: incident.id }, data: { status: "resolved", resolvedAt: clockNow() } });
    }
    const total = await prisma.incident.count();
    const { items, pages } = await walk<IncidentDto>(INCIDENTS, "/api/v1/incidents?limit=7");
    expect(items).toHaveLength(total);
    expect(new Set(ids(items)).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 7));
    // The query's key (compareIncidents' order, with time left as the start time: each page's remainingMs is read
    // at its own instant, so it cannot order rows of different pages): open by severity, then start, then id;
    // resolved newest first.
    const byKey = (a: IncidentDto, b: IncidentDto) =>
      compareIncidents({ ...a, sla: { remainingMs: 0 } }, { ...b, sla: { remainingMs: 0 } }) ||
      (a.status === "resolved" ? 0 : a.startedAt.localeCompare(b.startedAt)) ||
      (a.status === "resolved" ? b.id - a.id : a.id - b.id);
    const expected = [...items].sort(byKey);
    expect(ids(items)).toEqual(ids(expected));

    // filters are in the query: every open P1 and only those, across pages
    const openP1 = await walk<IncidentDto>(INCIDENTS, "/api/v1/incidents?status=open&severity=P1&limit=3");
    expect(openP1.items.length).toBe(await prisma.incident.count({ where: { status: { not: "resolved" }, severity: "P1" } }));
    expect(openP1.items.every((i) => i.severity === "P1" && i.status !== "resolved")).toBe(true);
    const resolved = await walk<IncidentDto>(INCIDENTS, "/api/v1/incidents?status=resolved&limit=4");
    expect(resolved.items.length).toBe(await prisma.incident.count({ where: { status: "resolved" } }));
  });

  it("an incident declared while a client walks the list neither repeats nor hides the rows already paged", async () => {
    const commander = await actorFor("commander");
    const first = (await (await get(INCIDENTS, "/api/v1/incidents?status=resolved&limit=5")).json()) as {
      items: IncidentDto[];
      nextCursor: string;
    };
    const before = await prisma.incident.count({ where: { status: "resolved" } });
    // it starts after every incident so far (other files' clocks may have run ahead), so it sorts before the first page
    const latest = await prisma.incident.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    const late = await declareIncident(
      commander,
      { title: "Declared mid-walk", severity: "P2" },
      { startedAt: new Date(Math.max(latest.startedAt.getTime(), clockNow().getTime()) + 60_000) },
    );
    await prisma.incident.update({ where: { id: late.id }, data: { status: "resolved", resolvedAt: clockNow() } });
    const rest = await walk<IncidentDto>(INCIDENTS, `/api/v1/incidents?status=resolved&limit=5&cursor=${first.nextCursor}`);
    const seen = [...ids(first.items), ...ids(rest.items)];
    expect(new Set(seen).size).toBe(seen.length);
    // the walk is the list as it was
    expect(seen).toHaveLength(before);
  });

  it("the timeline pages oldest or newest first, by kind, with events that share one instant", async () => {
    const commander = await actorFor("commander");
    const incident = await declareIncident(commander, { title: "Busy room", severity: "P0" });
    // the clock does not move: all 24 notes carry the same createdAt, only the id orders them
    for (let i = 0; i < 24; i++) await addNote(commander, incident.id, `note ${i}`);
    const all = await prisma.timelineEvent.findMany({ where: { incidentId: incident.id } });
    const params = { id: String(incident.id) };
    const asc = await walk<TimelineEventDto>(TIMELINE, `/api/v1/incidents/${incident.id}/timeline?limit=5`, params);
    expect(asc.items).toHaveLength(all.length);
    expect(new Set(ids(asc.items)).size).toBe(all.length);
    expect(asc.items[0].kind).toBe("declared");
    const desc = await walk<TimelineEventDto>(TIMELINE, `/api/v1/incidents/${incident.id}/timeline?order=desc&limit=4`, params);
    expect(ids(desc.items)).toEqual(ids(asc.items).reverse());
    const notes = await walk<TimelineEventDto>(TIMELINE, `/api/v1/incidents/${incident.id}/timeline?kind=note&limit=10`, params);
    expect(notes.items.map((e) => e.message)).toEqual(Array.from({ length: 24 }, (_, i) => `note ${i}`));
    expect(notes.pages).toBe(3);
  });

  it("postmortems and the outbox log walk every row once, newest first", async () => {
    const commander = await actorFor("commander");
    const at = clockNow();
    for (let i = 0; i < 12; i++) {
      const incident = await declareIncident(commander, { title: `Reported ${i}`, severity: "P3" });
      await prisma.postmortem.create({
        data: {
          incidentId: incident.id,
          title: `Report ${i}`,
          sections: {},
          facts: [],
          checklist: {},
          createdAt: at,
          // half of them saved at the same instant
          updatedAt: i % 2 ? at : new Date(at.getTime() - i * 1000),
          updatedByName: "Commander Lee",
        },
      });
      await prisma.notification.create({
        data: {
          incidentId: incident.id,
          idempotencyKey: `pagination-${incident.id}`,
          event: "declared",
          channel: "slack",
          target: "#alerts",
          recipient: "",
          subject: "s",
          body: "b",
          nextAttemptAt: at,
          createdAt: at,
        },
      });
    }
    const pms = await walk<{ id: string; updatedAt: string }>(POSTMORTEMS, "/api/v1/postmortems?limit=5");
    expect(pms.items).toHaveLength(await prisma.postmortem.count());
    expect(new Set(ids(pms.items)).size).toBe(pms.items.length);
    const times = pms.items.map((p) => p.updatedAt);
    expect(times).toEqual([...times].sort().reverse());

    const log = await walk<{ id: string }>(NOTIFICATIONS, "/api/v1/notifications?limit=5");
    // every page of the outbox (the status page's subscriber mail and webhooks share the table but are not pages,
    // and other files may have written some)
    expect(log.items).toHaveLength(await prisma.notification.count({ where: { channel: { notIn: [...STATUS_CHANNELS] } } }));
    expect(new Set(ids(log.items)).size).toBe(log.items.length);

    // resolved incidents still waiting for a report: filtered by the server, none of them has one
    const waiting = await walk<IncidentDto>(INCIDENTS, "/api/v1/incidents?status=all&postmortem=none&limit=50");
    const reported = new Set((await prisma.postmortem.findMany({ select: { incidentId: true } })).map((p) => p.incidentId));
    expect(waiting.items.length).toBe((await prisma.incident.count()) - reported.size);
    expect(waiting.items.some((i) => reported.has(i.id))).toBe(false);
  });

  it("a cursor that is not from a previous page is a 400 in the asker's language", async () => {
    const incident = await prisma.incident.findFirstOrThrow();
    const bad = [
      "nonsense!",
      Buffer.from('["x","P0","2026-01-01T00:00:00.000Z",1]').toString("base64url"),
      Buffer.from("[1,2]").toString("base64url"),
    ];
    for (const cursor of bad) {
      const res = await get(INCIDENTS, `/api/v1/incidents?cursor=${cursor}`, {}, { "accept-language": "ko" });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("bad_request");
      expect(error.message).toContain("nextCursor가 아닙니다");
    }
    const cases: [Handler, string, Record<string, string>][] = [
      [TIMELINE, `/api/v1/incidents/${incident.id}/timeline`, { id: String(incident.id) }],
      [POSTMORTEMS, "/api/v1/postmortems", {}],
      [NOTIFICATIONS, "/api/v1/notifications", {}],
    ];
    for (const [handler, url, params] of cases) {
      const res = await get(handler, `${url}?cursor=${Buffer.from('["yesterday","x"]').toString("base64url")}`, params, {
        "accept-language": "en",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("is not a nextCursor from a previous page");
    }
    const tooMany = await get(INCIDENTS, "/api/v1/incidents?limit=501");
    expect(tooMany.status).toBe(422);
  });
});
