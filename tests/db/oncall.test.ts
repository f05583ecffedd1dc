// On-call schedules against the real database (SQLite and PostgreSQL): the API's answers and refusals, and an
// escalation step paging whoever is on call when it fires (override included), the directory as the fallback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { declareIncident } from "@/lib/server/incidents";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { createApiToken } from "@/lib/server/tokens";
import { GET as LIST, POST as CREATE } from "@/app/api/v1/schedules/route";
import { PATCH, DELETE } from "@/app/api/v1/schedules/[id]/route";
import { POST as OVERRIDE } from "@/app/api/v1/schedules/[id]/overrides/route";
import { GET as SHIFTS } from "@/app/api/v1/schedules/[id]/shifts/route";
import { GET as ONCALL } from "@/app/api/v1/oncall/route";
import { POST as FEED, DELETE as REVOKE_FEED } from "@/app/api/v1/schedules/[id]/feed/route";
import { POST as MY_FEED } from "@/app/api/v1/me/feed/route";
import { GET as CALENDAR } from "@/app/api/calendar/[file]/route";
import ICAL from "ical.js";
import { runHandoffTick } from "@/lib/server/oncall/handoff";
import { rotateFeed } from "@/lib/server/oncall/feeds";
import { getPagingReadiness } from "@/lib/server/escalations/readiness";
import { onCallSummary } from "@/lib/server/oncall/queries";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "../support/actors";
import { CONTACTS, setEscalationContacts } from "../support/escalations";

const MIN = 60_000;
const e164 = (phone: string) => phone.replace(/[\s-]/g, "");
const HOUR = 60 * MIN;
const tokens: Record<string, string> = {};
let commander: Actor;
const users: Record<string, { id: string; name: string; email: string }> = {};

function call(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  role: string,
  path: string,
  init: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${tokens[role]}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}

const weeklyLayer = () => ({
  members: [users.commander.id, users.manager.id],
  rotation: { kind: "weekly" },
  handoff: "09:00",
  startDate: "2026-01-05",
});

async function cleanSchedules() {
  await prisma.onCallOverride.deleteMany({});
  await prisma.onCallSchedule.deleteMany({});
  await prisma.userPagingContact.deleteMany({});
}

beforeAll(async () => {
  const admin = await actorFor("admin");
  commander = await actorFor("commander");
  for (const role of ["admin", "commander", "viewer"] as const)
    tokens[role] = (await createApiToken(admin, { name: `oncall-${role}`, role })).token;
  for (const role of ["commander", "manager", "responder", "viewer"]) {
    const u = await prisma.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } });
    users[role] = { id: u.id, name: u.name, email: u.email };
  }
  await setEscalationContacts(prisma);
  await cleanSchedules();
});

afterAll(cleanSchedules);

describe(`on-call schedules on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  let scheduleId = "";

  it("refuses bad schedules naming the field, and writes nothing", async () => {
    const before = await prisma.onCallSchedule.count();
    const unknownUser = await call(CREATE, "commander", "/api/v1/schedules", {
      method: "POST",
      body: { role: "team_lead", layers: [{ ...weeklyLayer(), members: [users.commander.id, "nobody-here"] }] },
    });
    expect(unknownUser.status).toBe(422);
    expect((await unknownUser.json()).error.fields).toHaveProperty(["layers.0.members.1"]);

    const badZone = await call(CREATE, "commander", "/api/v1/schedules", {
      method: "POST",
      body: { role: "team_lead", timeZone: "Asia/Atlantis", layers: [weeklyLayer()] },
    });
    expect(badZone.status).toBe(422);
    expect((await badZone.json()).error.fields.timeZone).toContain("IANA");

    const unknownRole = await call(CREATE, "commander", "/api/v1/schedules", {
      method: "POST",
      body: { role: "janitor", layers: [weeklyLayer()] },
    });
    expect(unknownRole.status).toBe(422);

    const viewer = await call(CREATE, "viewer", "/api/v1/schedules", {
      method: "POST",
      body: { role: "team_lead", layers: [weeklyLayer()] },
    });
    expect(viewer.status).toBe(403);
    expect(await prisma.onCallSchedule.count()).toBe(before);
  });

  it("creates a weekly team-lead rotation of two people; one schedule per role", async () => {
    const created = await call(CREATE, "commander", "/api/v1/schedules", {
      method: "POST",
      body: { role: "team_lead", name: "팀 리더 온콜", layers: [weeklyLayer()] },
    });
    expect(created.status).toBe(201);
    const schedule = await created.json();
    scheduleId = schedule.id;
    expect(schedule).toMatchObject({ role: "team_lead", timeZone: "Asia/Seoul", version: 0 });
    expect(schedule.layers[0].id).toEqual(expect.any(String));

    const again = await call(CREATE, "admin", "/api/v1/schedules", {
      method: "POST",
      body: { role: "team_lead", layers: [weeklyLayer()] },
    });
    expect(again.status).toBe(409);
    expect(await prisma.auditLog.count({ where: { entity: "schedule", entityId: scheduleId, action: "schedule.create" } })).toBe(1);

    const list = await (await call(LIST, "viewer", "/api/v1/schedules")).json();
    expect(list.items.map((s: { role: string }) => s.role)).toEqual(["team_lead"]);
  });

  it("answers who is on call and until when; the final rota alternates weekly", async () => {
    // 2026-01-05 09:00 KST starts the commander's week; the manager's starts a week later.
    const monday = "2026-11-30T09:00:00+09:00"; // 47 weeks after the start: the manager's week
    const answer = await (await call(ONCALL, "viewer", `/api/v1/oncall?role=team_lead&at=${encodeURIComponent(monday)}`)).json();
    expect(answer).toMatchObject({ role: "team_lead", user: { id: users.manager.id, name: users.manager.name }, scheduleId });
    expect(answer.until).toBe("2026-12-07T00:00:00.000Z");

    const shifts = await (
      await call(
        SHIFTS,
        "viewer",
        `/api/v1/schedules/${scheduleId}/shifts?from=${encodeURIComponent(monday)}&to=${encodeURIComponent("2026-12-14T09:00:00+09:00")}`,
        { params: { id: scheduleId } },
      )
    ).json();
    expect(shifts.items.map((s: { user: { id: string } }) => s.user.id)).toEqual([users.manager.id, users.commander.id]);

    const none = await (await call(ONCALL, "viewer", "/api/v1/oncall?role=executive")).json();
    expect(none).toMatchObject({ role: "executive", user: null, scheduleId: null });
    const bad = await call(ONCALL, "viewer", "/api/v1/oncall?role=team_lead&at=yesterday");
    expect(bad.status).toBe(422);
  });

  it("refuses an override that ends before it starts, and a stale PATCH", async () => {
    const start = new Date(now().getTime() + HOUR).toISOString();
    const backwards = await call(OVERRIDE, "commander", `/api/v1/schedules/${scheduleId}/overrides`, {
      method: "POST",
      params: { id: scheduleId },
      body: { userId: users.responder.id, start, end: now().toISOString() },
    });
    expect(backwards.status).toBe(422);
    expect((await backwards.json()).error.fields.end).toContain("before it starts");
    expect(await prisma.onCallOverride.count()).toBe(0);

    const stale = await call(PATCH, "commander", `/api/v1/schedules/${scheduleId}`, {
      method: "PATCH",
      params: { id: scheduleId },
      body: { name: "x", version: 7 },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.current).toMatchObject({ id: scheduleId, version: 0 });
  });

  it("a P0's team-lead step pages whoever is on call when it fires: the override person, on their own phone", async () => {
    const start = new Date(now().getTime() - HOUR).toISOString();
    const end = new Date(now().getTime() + 2 * HOUR).toISOString();
    const override = await call(OVERRIDE, "commander", `/api/v1/schedules/${scheduleId}/overrides`, {
      method: "POST",
      params: { id: scheduleId },
      body: { userId: users.responder.id, start, end },
    });
    expect(override.status).toBe(201);
    await prisma.userPagingContact.create({ data: { userId: users.responder.id, phone: "+82 10-9999-0000", slackHandle: "U0RESP001" } });

    const incident = await declareIncident(commander, { title: "Checkout down (on-call test)", severity: "P0" });
    advanceClock(15 * MIN);
    await runSchedulerTick(now(), "oncall-test");
    const pages = await prisma.notification.findMany({ where: { incidentId: incident.id, event: "escalation" } });
    expect(pages.length).toBeGreaterThan(0);
    const people = pages.filter((p) => p.channel !== "slack");
    expect(people.map((p) => p.recipient)).toEqual(expect.arrayContaining([`${users.responder.name} (team_lead)`]));
    expect(people.map((p) => p.target)).toContain("+821099990000"); // normalised E.164
    expect(pages.map((p) => p.target)).not.toContain(e164(CONTACTS.team_lead.phone));
    await prisma.incident.update({ where: { id: incident.id }, data: { status: "resolved", resolvedAt: now() } });
  });

  it("serves the schedule and a person's shifts as iCalendar feeds behind secret URLs that can be revoked", async () => {
    const created = await call(FEED, "commander", `/api/v1/schedules/${scheduleId}/feed`, { method: "POST", params: { id: scheduleId } });
    expect(created.status).toBe(201);
    const file = (await created.json()).url.split("/").pop() as string;
    const ics = await CALENDAR(new Request(`http://localhost/api/calendar/${file}`), { params: Promise.resolve({ file }) });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const events = new ICAL.Component(ICAL.parse(await ics.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(4);
    expect(events.some((e) => e.summary.includes(users.responder.name))).toBe(true); // the override
    expect(events.some((e) => e.summary.includes(users.manager.name))).toBe(true);

    // A person's own feed (a session of theirs in the app; API tokens belong to no person and are refused).
    expect((await call(MY_FEED, "commander", "/api/v1/me/feed", { method: "POST" })).status).toBe(400);
    const myFile = (await rotateFeed(commander, "user", users.commander.id)).url.split("/").pop() as string;
    const myEvents = new ICAL.Component(
      ICAL.parse(await (await CALENDAR(new Request("http://localhost/"), { params: Promise.resolve({ file: myFile }) })).text()),
    ).getAllSubcomponents("vevent");
    expect(myEvents.length).toBeGreaterThan(0);
    expect(myEvents.every((v) => new ICAL.Event(v).summary.includes(users.commander.name))).toBe(true);

    expect(
      (await call(REVOKE_FEED, "commander", `/api/v1/schedules/${scheduleId}/feed`, { method: "DELETE", params: { id: scheduleId } }))
        .status,
    ).toBe(204);
    expect((await CALENDAR(new Request("http://localhost/"), { params: Promise.resolve({ file }) })).status).toBe(404);
    expect(
      (await CALENDAR(new Request("http://localhost/"), { params: Promise.resolve({ file: "forged-secret-forged-secret-x.ics" }) })).status,
    ).toBe(404);
  });

  it("tells the incoming person at the start of their shift, once", async () => {
    // A daily department-head rotation whose next handoff (09:00 Seoul) is the next one after now.
    const created = await call(CREATE, "admin", "/api/v1/schedules", {
      method: "POST",
      body: {
        role: "department_head",
        layers: [{ members: [users.manager.id, users.viewer.id], rotation: { kind: "daily" }, handoff: "09:00", startDate: "2026-01-01" }],
      },
    });
    const daily = await created.json();
    await runHandoffTick(now()); // sets the checkpoint
    // (The team lead's override ends meanwhile: that handoff is announced too, so count the department head's.)
    const handoffsOf = () =>
      prisma.notification.findMany({
        where: { event: "handoff", recipient: { contains: "(department_head)" } },
        orderBy: { createdAt: "asc" },
      });
    const before = (await handoffsOf()).length;
    const next = Date.parse((await (await call(ONCALL, "viewer", "/api/v1/oncall?role=department_head")).json()).until);
    advanceClock(next - now().getTime() + MIN);
    await runHandoffTick(now());
    await runHandoffTick(now());
    const handoffs = await handoffsOf();
    expect(handoffs.length - before).toBe(1);
    const incoming = (await (await call(ONCALL, "viewer", "/api/v1/oncall?role=department_head")).json()).user;
    expect(handoffs.at(-1)).toMatchObject({
      channel: "email",
      target: users[incoming.id === users.manager.id ? "manager" : "viewer"].email,
      incidentId: null,
    });
    await call(DELETE, "admin", `/api/v1/schedules/${daily.id}`, { method: "DELETE", params: { id: daily.id } });
  });

  it("with nobody on call the directory entry is the fallback", async () => {
    const removed = await call(DELETE, "admin", `/api/v1/schedules/${scheduleId}`, { method: "DELETE", params: { id: scheduleId } });
    expect(removed.status).toBe(204);
    const incident = await declareIncident(commander, { title: "Checkout down (fallback test)", severity: "P0" });
    advanceClock(15 * MIN);
    await runSchedulerTick(now(), "oncall-test");
    const pages = await prisma.notification.findMany({
      where: { incidentId: incident.id, event: "escalation", channel: { not: "slack" } },
    });
    expect(pages.map((p) => p.target)).toContain(e164(CONTACTS.team_lead.phone));
    await prisma.incident.update({ where: { id: incident.id }, data: { status: "resolved", resolvedAt: now() } });
  });
  it("a deactivated member is skipped: the next member covers their week, visibly; the schedule stays editable", async () => {
    const gone = await prisma.user.create({ data: { email: `gone-${Date.now()}@example.com`, name: "Gone Lee", role: "responder" } });
    // Weeks from Monday 2026-01-05 09:00 Seoul: commander, Gone Lee, manager; 2026-11-23 starts week 46, Gone Lee's.
    const layer = { ...weeklyLayer(), members: [users.commander.id, gone.id, users.manager.id] };
    const created = await call(CREATE, "admin", "/api/v1/schedules", { method: "POST", body: { role: "executive", layers: [layer] } });
    expect(created.status).toBe(201);
    const schedule = await created.json();
    const at = encodeURIComponent("2026-11-24T12:00:00+09:00");
    const ask = async () => (await call(ONCALL, "viewer", `/api/v1/oncall?role=executive&at=${at}`)).json();
    expect((await ask()).user).toMatchObject({ id: gone.id });

    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const covered = await ask();
    expect(covered.user).toEqual({ id: users.manager.id, name: users.manager.name });
    // Covering ends at the handoff, where the manager's own week begins.
    expect(covered.until).toBe("2026-11-30T00:00:00.000Z");
    const range = `from=${at}&to=${encodeURIComponent("2026-12-07T09:00:00+09:00")}`;
    const shifts = await (
      await call(SHIFTS, "viewer", `/api/v1/schedules/${schedule.id}/shifts?${range}`, { params: { id: schedule.id } })
    ).json();
    expect(
      shifts.items.map((s: { user: { id: string }; covering: { name: string } | null }) => [s.user.id, s.covering?.name ?? null]),
    ).toEqual([
      [users.manager.id, "Gone Lee"],
      [users.manager.id, null],
    ]);

    // The schedule can still be saved with the member it already names; a deactivated newcomer, or an override for
    // the deactivated member, is refused naming the field.
    const renamed = await call(PATCH, "admin", `/api/v1/schedules/${schedule.id}`, {
      method: "PATCH",
      params: { id: schedule.id },
      body: { name: "임원 온콜", layers: [layer], version: schedule.version },
    });
    expect(renamed.status).toBe(200);
    const other = await prisma.user.create({
      data: { email: `gone2-${Date.now()}@example.com`, name: "Gone Two", role: "responder", active: false },
    });
    const withNewcomer = await call(PATCH, "admin", `/api/v1/schedules/${schedule.id}`, {
      method: "PATCH",
      params: { id: schedule.id },
      body: { layers: [{ ...layer, members: [...layer.members, other.id] }] },
    });
    expect(withNewcomer.status).toBe(422);
    expect((await withNewcomer.json()).error.fields["layers.0.members.3"]).toContain("deactivated");
    const overrideForGone = await call(OVERRIDE, "admin", `/api/v1/schedules/${schedule.id}/overrides`, {
      method: "POST",
      params: { id: schedule.id },
      body: { userId: gone.id, start: now().toISOString(), end: new Date(now().getTime() + HOUR).toISOString() },
    });
    expect(overrideForGone.status).toBe(422);
    await call(DELETE, "admin", `/api/v1/schedules/${schedule.id}`, { method: "DELETE", params: { id: schedule.id } });
  });

  it("readiness warns of coming coverage gaps: the directory entry answers in them, and without one the role is unreachable", async () => {
    // Team lead on call on weekdays 09:00–18:00 only: nights and weekends of the next 14 days are gaps.
    const created = await call(CREATE, "admin", "/api/v1/schedules", {
      method: "POST",
      body: {
        role: "team_lead",
        layers: [{ ...weeklyLayer(), restrictions: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }] }],
      },
    });
    const schedule = await created.json();
    const withDirectory = await getPagingReadiness();
    const covered = withDirectory.coverage.find((c) => c.role === "team_lead")!;
    expect(covered).toMatchObject({ scheduleId: schedule.id, paged: true, fallback: CONTACTS.team_lead.name, unreachable: false });
    expect(covered.gaps.length).toBeGreaterThanOrEqual(10);
    expect(Date.parse(covered.gaps.at(-1)!.end)).toBeLessThanOrEqual(Date.parse(withDirectory.coverageUntil));
    expect(withDirectory.severities.every((s) => s.uncovered.length === 0)).toBe(true);
    // The board's summary shows the same gaps.
    expect((await onCallSummary()).items.find((i) => i.role === "team_lead")!.gaps).toEqual(covered.gaps);

    await prisma.contact.deleteMany({ where: { role: "team_lead" } });
    const without = await getPagingReadiness();
    expect(without.coverage.find((c) => c.role === "team_lead")).toMatchObject({ fallback: null, unreachable: true });
    expect(without.ready).toBe(false);
    expect(without.severities.find((s) => s.severity === "P0")!.uncovered).toEqual(["team_lead"]);
    expect(without.severities.find((s) => s.severity === "P3")!.uncovered).toEqual([]);

    await setEscalationContacts(prisma);
    await call(DELETE, "admin", `/api/v1/schedules/${schedule.id}`, { method: "DELETE", params: { id: schedule.id } });
  });
});
