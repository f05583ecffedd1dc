// Postmortems on the real database (SQLite file or PostgreSQL): prefill from what the app recorded,
// revisions, the stale-save refusal, the workflow, action items with the overdue overview, checklists.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import type { Actor } from "@/lib/server/actor";
import { addNote, changeIncident, declareIncident } from "@/lib/server/incidents";
import { createPostmortem } from "@/lib/server/postmortems/create";
import { getPostmortem, listPostmortems, savePostmortemSections, transitionPostmortem } from "@/lib/server/postmortems/postmortems";
import { getRevision, listRevisions } from "@/lib/server/postmortems/revisions";
import { actionItemOverview, createActionItem, deleteActionItem, updateActionItem } from "@/lib/server/postmortems/action-items";
import { toggleChecklistItem } from "@/lib/server/postmortems/checklist";
import { exportPostmortemMarkdown } from "@/lib/server/postmortems/export";
import { mergeSections } from "@/lib/domain/postmortem/merge";
import { templateHeadings } from "@/lib/domain/postmortem/export";
import { REQUIRED_FIELD_KEYS, type PostmortemSections } from "@/lib/domain/postmortem/template";
import { wallClock } from "@/lib/domain/postmortem/time";
import type { SectionsStateDto } from "@/lib/server/postmortems/dto";
import { actorsFor } from "../support/actors";
import { expectAppError } from "../support/app-error";

let admin: Actor;
let commander: Actor;
let responder: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ admin, commander, responder, viewer } = await actorsFor("admin", "commander", "responder", "viewer"));
});

/** A P1 that was declared, noted, diagnosed, escalated and resolved 42 minutes later. */
async function resolvedIncident(title = `Point charge failing ${Math.random().toString(36).slice(2, 8)}`) {
  const incident = await declareIncident(commander, { title, severity: "P1", scenario: "redis-lock-timeout" });
  advanceClock(4 * 60_000);
  await addNote(responder, incident.id, "1,204 locks without TTL");
  const diagnostic = await prisma.diagnosticRun.create({
    data: {
      incidentId: incident.id,
      batchId: "b1",
      probeId: "redis.locks",
      target: "default (127.0.0.1:6379)",
      verdict: "critical",
      summary: "1,204 locks, 12 without TTL",
      durationMs: 40,
      startedAt: now(),
      actorName: "Responder Park",
    },
  });
  advanceClock(26 * 60_000);
  const escalation = await prisma.escalationFiring.create({
    data: {
      incidentId: incident.id,
      fireKey: "team_lead",
      stepKey: "team_lead",
      role: "team_lead",
      dueAt: now(),
      firedAt: now(),
      acknowledgedAt: now(),
      acknowledgedBy: "Manager Choi",
    },
  });
  await prisma.escalationFiring.create({
    data: {
      incidentId: incident.id,
      fireKey: "department_head",
      stepKey: "department_head",
      role: "department_head",
      dueAt: new Date(now().getTime() + 3600_000),
    },
  });
  advanceClock(12 * 60_000);
  const resolved = await changeIncident(commander, incident.id, {
    status: "resolved",
    reason: "p95 back to 0.3 s, verified by hand",
    version: incident.version,
  });
  return { incident: resolved, diagnostic, escalation };
}

const REQUIRED_TEXT: PostmortemSections = Object.fromEntries(REQUIRED_FIELD_KEYS.map((k) => [k, `${k} written by the team`]));

describe(`postmortems on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("prefills the template from the incident, its timeline, diagnostics and fired escalations, each fact linked to its source", async () => {
    const { incident, diagnostic, escalation } = await resolvedIncident();
    const pm = await createPostmortem(responder, incident.id);
    expect(pm).toMatchObject({
      incidentId: incident.id,
      title: incident.title,
      status: "draft",
      version: 1,
      updatedByName: "Responder Park",
    });
    expect(pm.sections.severity).toBe("P1");
    expect(pm.sections.timeWindow).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d - \d\d:\d\d$|^\d{4}-\d\d-\d\d \d\d:\d\d - \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(pm.sections.recoveryTime).toBe("42분 (목표 30분, 12분 초과)");
    expect(pm.sections.response).toContain("1,204 locks without TTL");
    // The incident's own events read in the report's language, like the incident room shows them.
    expect(pm.sections.detection).toContain(`P1 장애 선언: ${incident.title}`);
    expect(pm.sections.response).toContain("해결 (조사 중 → 해결됨) · 사유: p95 back to 0.3 s, verified by hand");
    // One short line per run, the probe named in the report's language, the full results linked in the room.
    expect(pm.sections.response).toMatch(
      new RegExp(
        `진단 결과 \\(요약, 전체 결과는 \\[장애 화면의 진단\\]\\(/incidents/${incident.id}#diagnostics\\)\\):\\n- \\d\\d:\\d\\d Redis 활성 락 \\(SCAN \\+ PTTL\\): 심각 — 1,204 locks, 12 without TTL\\n`,
      ),
    );
    // The raw output is the fact's, not repeated in the field.
    expect(pm.facts.find((f) => f.key === `diagnostic:${diagnostic.id}`)?.value).toContain(
      "[심각] Redis 활성 락 (SCAN + PTTL) — 1,204 locks",
    );
    expect(pm.sections.response).toContain("팀 리더 (확인: Manager Choi");
    expect(pm.sections.response).not.toContain("부서장"); // not fired
    // Analysis fields are left for people to write.
    expect(pm.sections.rootCause).toBeUndefined();

    const timeline = await prisma.timelineEvent.findMany({ where: { incidentId: incident.id } });
    const sources = pm.facts.map((f) => f.source);
    expect(sources).toContainEqual({ kind: "incident", id: String(incident.id) });
    expect(sources).toContainEqual({ kind: "diagnostic", id: diagnostic.id });
    expect(sources).toContainEqual({ kind: "escalation", id: escalation.id });
    const detection = pm.facts.find((f) => f.key === "detection");
    expect(detection?.source.kind).toBe("timeline");
    expect(timeline.map((e) => e.id)).toContain(detection?.source.id);

    const revisions = await listRevisions(pm.id);
    expect(revisions.items).toEqual([expect.objectContaining({ version: 1, authorName: "Responder Park" })]);
    expect((await getRevision(pm.id, 1)).sections).toEqual(pm.sections);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: "postmortem", entityId: pm.id } });
    expect(audit).toMatchObject({ action: "postmortem.create", actorLabel: "Responder Park" });
  });

  it("prefills in the creator's language: English facts and a short English diagnostics summary; an errored probe says why", async () => {
    const { incident } = await resolvedIncident();
    await prisma.diagnosticRun.create({
      data: {
        incidentId: incident.id,
        batchId: "b2",
        probeId: "actuator.health",
        target: "Actuator at 127.0.0.1:8080",
        verdict: "error",
        summary: "Actuator at 127.0.0.1:8080 refused the connection",
        data: { error: { message: "connect ECONNREFUSED 127.0.0.1:8080", code: "ECONNREFUSED" } },
        durationMs: 3,
        startedAt: new Date(new Date(incident.startedAt).getTime() + 5 * 60_000),
        actorName: "Responder Park",
      },
    });
    await prisma.diagnosticRun.create({
      data: {
        incidentId: incident.id,
        batchId: "b2",
        probeId: "prometheus.query",
        target: "built-in simulator",
        verdict: "ok",
        summary: "built-in simulator (no Prometheus configured): p95 response time 0.234 s (warning > 1 s)",
        data: { source: "simulator", signal: "p95_latency", value: 0.234, comparator: ">", warning: 1, query: "q", signals: {}, at: 0 },
        durationMs: 2,
        startedAt: new Date(new Date(incident.startedAt).getTime() + 6 * 60_000),
        actorName: "Responder Park",
      },
    });
    const pm = await createPostmortem(commander, incident.id, { locale: "en" });
    expect(pm.sections.response).toMatch(/- \d\d:\d\d Prometheus query: OK — p95 response time 0\.23 s \(warning > 1 s\) \(simulated\)/);
    expect(pm.facts.find((f) => f.value.includes("Prometheus query"))?.value).toMatch(
      /\[OK\] Prometheus query — p95 response time 0\.23 s \(warning > 1 s\) — figures from the built-in simulator/,
    );
    expect(pm.sections.response).toContain(
      `Diagnostics (summary; full results in [the incident room's diagnostics](/incidents/${incident.id}#diagnostics)):`,
    );
    expect(pm.sections.response).toMatch(/- \d\d:\d\d Active Redis locks \(SCAN \+ PTTL\): Critical — 1,204 locks, 12 without TTL/);
    expect(pm.sections.response).toMatch(
      /- \d\d:\d\d Application health \(\/actuator\/health\): Error — connection refused \(127\.0\.0\.1:8080\)/,
    );
    expect(pm.sections.recoveryTime).toBe("42 min (target 30 min, breached by 12 min)");
    for (const fact of pm.facts) expect(fact.value, fact.key).not.toMatch(/[가-힣]{2,}/);
  });

  it("open incidents: only a commander or admin may start one; viewers never; one postmortem per incident", async () => {
    const open = await declareIncident(commander, { title: "Coupon lag", severity: "P2" });
    await expectAppError(createPostmortem(responder, open.id), "forbidden");
    await expectAppError(createPostmortem(viewer, open.id), "forbidden");
    expect(await prisma.postmortem.count({ where: { incidentId: open.id } })).toBe(0);
    const pm = await createPostmortem(commander, open.id, { locale: "en" });
    expect(pm.sections.timeWindow).toContain("(ongoing)");
    expect(pm.sections.detection).toContain("Declared P2: Coupon lag");
    const again = await expectAppError(createPostmortem(admin, open.id), "conflict");
    expect(again.details).toEqual({ postmortem: { id: pm.id } });
    await expectAppError(createPostmortem(commander, 999_999), "not_found");
  });

  it("every save is a revision with its author; an unchanged save is not", async () => {
    const { incident } = await resolvedIncident();
    const pm = await createPostmortem(responder, incident.id);
    const saved = await savePostmortemSections(responder, pm.id, { sections: { rootCause: "Locks were taken without a TTL" }, version: 1 });
    expect(saved).toMatchObject({ version: 2, changed: true, updatedByName: "Responder Park" });
    expect(saved.sections.severity).toBe("P1"); // fields not sent keep their text
    advanceClock(60_000);
    const second = await savePostmortemSections(commander, pm.id, {
      sections: { rootCause: "Locks were taken without a TTL.", impact: "1,200 users" },
      version: 2,
    });
    expect(second.version).toBe(3);
    const noop = await savePostmortemSections(commander, pm.id, { sections: { impact: "1,200 users" }, version: 3 });
    expect(noop).toMatchObject({ version: 3, changed: false });

    const revisions = await listRevisions(pm.id);
    expect(revisions.items.map((r) => [r.version, r.authorName])).toEqual([
      [3, "Commander Lee"],
      [2, "Responder Park"],
      [1, "Responder Park"],
    ]);
    expect((await getRevision(pm.id, 2)).sections.rootCause).toBe("Locks were taken without a TTL");
    expect((await getRevision(pm.id, 2)).sections.impact).toBeUndefined();
    await expectAppError(getRevision(pm.id, 9), "not_found");
    expect(await prisma.auditLog.count({ where: { entity: "postmortem", entityId: pm.id, action: "postmortem.save" } })).toBe(2);
  });

  it("a stale save is refused with the current text and who saved; nothing of either person is lost", async () => {
    const { incident } = await resolvedIncident();
    const pm = await createPostmortem(responder, incident.id);
    const base = pm.sections;
    // Both loaded version 1. The commander saves first.
    await savePostmortemSections(commander, pm.id, { sections: { directCause: "Redis locks without TTL piled up" }, version: 1 });
    const mine: PostmortemSections = { ...base, directCause: "Lock keys never expired", impact: "about 1,200 users" };
    const refused = await expectAppError(savePostmortemSections(responder, pm.id, { sections: mine, version: 1 }), "conflict");
    expect(refused.status).toBe(409);
    expect(refused.message).toContain("Commander Lee saved this postmortem");
    const current = (refused.details as { current: SectionsStateDto }).current;
    expect(current).toMatchObject({ version: 2, updatedByName: "Commander Lee" });
    expect(current.sections.directCause).toBe("Redis locks without TTL piled up");
    // Nothing of the refused save was written.
    const stored = await getPostmortem(pm.id);
    expect(stored.sections.impact).toBeUndefined();
    expect(stored.version).toBe(2);

    // The editor merges per field: impact (only mine) merges cleanly, directCause is a conflict to decide.
    const merge = mergeSections({ base, mine, theirs: current.sections });
    expect(merge.fromMine).toEqual(["impact"]);
    expect(merge.conflicts).toEqual([
      { field: "directCause", base: "", mine: "Lock keys never expired", theirs: "Redis locks without TTL piled up" },
    ]);
    const resolvedText = { ...merge.merged, directCause: "Redis locks without TTL piled up; lock keys never expired" };
    const saved = await savePostmortemSections(responder, pm.id, { sections: resolvedText, version: current.version });
    expect(saved.version).toBe(3);
    expect(saved.sections).toMatchObject({
      impact: "about 1,200 users",
      directCause: "Redis locks without TTL piled up; lock keys never expired",
    });
  });

  it("of two saves racing on the same version exactly one wins", async () => {
    const { incident } = await resolvedIncident();
    const pm = await createPostmortem(responder, incident.id);
    const results = await Promise.allSettled([
      savePostmortemSections(responder, pm.id, { sections: { impact: "A" }, version: 1 }),
      savePostmortemSections(commander, pm.id, { sections: { impact: "B" }, version: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect((await getPostmortem(pm.id)).version).toBe(2);
    expect(await prisma.postmortemRevision.count({ where: { postmortemId: pm.id } })).toBe(2);
  });

  it("walks draft → in review → published: required sections first, a commander publishes, then the text is final", async () => {
    const { incident } = await resolvedIncident();
    const pm = await createPostmortem(responder, incident.id);
    const incomplete = await expectAppError(transitionPostmortem(responder, pm.id, { to: "in_review" }), "validation_failed");
    expect(Object.keys(incomplete.fields ?? {})).toEqual(
      expect.arrayContaining(["sections.impact", "sections.rootCause", "sections.immediateImprovement"]),
    );
    await expectAppError(transitionPostmortem(responder, pm.id, { to: "published" }), "conflict");
    await savePostmortemSections(responder, pm.id, { sections: REQUIRED_TEXT, version: 1 });
    expect((await transitionPostmortem(responder, pm.id, { to: "in_review" })).status).toBe("in_review");
    await expectAppError(transitionPostmortem(responder, pm.id, { to: "published" }), "forbidden");
    await expectAppError(transitionPostmortem(viewer, pm.id, { to: "published" }), "forbidden");
    const published = await transitionPostmortem(commander, pm.id, { to: "published" });
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    await expectAppError(
      savePostmortemSections(commander, pm.id, { sections: { impact: "changed" }, version: published.version }),
      "conflict",
    );
    await expectAppError(transitionPostmortem(admin, pm.id, { to: "draft" }), "validation_failed"); // reason required
    const reopened = await transitionPostmortem(admin, pm.id, { to: "draft", reason: "root cause proved wrong" });
    expect(reopened).toMatchObject({ status: "draft", publishedAt: null });
    const actions = await prisma.auditLog.findMany({
      where: { entity: "postmortem", entityId: pm.id, action: { in: ["postmortem.submit", "postmortem.publish", "postmortem.reopen"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["postmortem.submit", "postmortem.publish", "postmortem.reopen"]);
  });

  it("action items: past due dates refused; the overview lists open and overdue items across postmortems", async () => {
    const first = await createPostmortem(responder, (await resolvedIncident()).incident.id);
    const second = await createPostmortem(responder, (await resolvedIncident()).incident.id);
    const day = (offsetDays: number) => wallClock(new Date(now().getTime() + offsetDays * 86_400_000)).date;
    await expectAppError(
      createActionItem(responder, first.id, { title: "x", owner: "y", dueDate: day(-1), horizon: "immediate", status: "open" }),
      "validation_failed",
    );
    await expectAppError(
      createActionItem(viewer, first.id, { title: "x", owner: "y", dueDate: day(1), horizon: "immediate", status: "open" }),
      "forbidden",
    );
    const ttl = await createActionItem(responder, first.id, {
      title: "TTL on every lock",
      owner: "박서준",
      dueDate: day(1),
      horizon: "immediate",
      status: "open",
    });
    const alert = await createActionItem(responder, second.id, {
      title: "Alert on locks without TTL",
      owner: "이지은",
      dueDate: day(20),
      horizon: "short_term",
      status: "open",
    });
    const redesign = await createActionItem(responder, second.id, {
      title: "Lock service redesign",
      owner: "김민수",
      dueDate: day(2),
      horizon: "long_term",
      status: "open",
    });
    expect(ttl.overdue).toBe(false);

    const before = await actionItemOverview();
    advanceClock(3 * 86_400_000);
    const later = await actionItemOverview();
    expect(later.summary.overdue - before.summary.overdue).toBe(2);
    const mine = later.items.filter((i) => [ttl.id, alert.id, redesign.id].includes(i.id));
    expect(mine.map((i) => [i.title, i.overdue])).toEqual([
      ["TTL on every lock", true],
      ["Lock service redesign", true],
      ["Alert on locks without TTL", false],
    ]);
    expect(mine[0].postmortem).toMatchObject({ id: first.id, incidentId: first.incidentId, severity: "P1" });

    const done = await updateActionItem(commander, first.id, ttl.id, { status: "done" });
    expect(done).toMatchObject({ status: "done", overdue: false });
    expect((await actionItemOverview({ status: "overdue" })).items.map((i) => i.id)).not.toContain(ttl.id);
    expect((await actionItemOverview({ status: "all" })).items.map((i) => i.id)).toContain(ttl.id);
    // An overdue item keeps its date when something else changes; a new past date is refused.
    await updateActionItem(responder, second.id, redesign.id, { owner: "최팀장" });
    await expectAppError(updateActionItem(responder, second.id, redesign.id, { dueDate: day(-2) }), "validation_failed");
    await expectAppError(updateActionItem(responder, first.id, redesign.id, { status: "done" }), "not_found"); // wrong postmortem
    await deleteActionItem(responder, second.id, alert.id);
    expect((await getPostmortem(second.id)).actionItems.map((i) => i.id)).toEqual([redesign.id]);
    const listed = (await listPostmortems()).items.find((p) => p.id === second.id);
    expect(listed?.actionItems).toMatchObject({ total: 1, open: 1, overdue: 1 });
  });

  it("checklists record who checked each item and when; concurrent ticks are all kept", async () => {
    const pm = await createPostmortem(responder, (await resolvedIncident()).incident.id);
    const before = now().getTime();
    const state = await toggleChecklistItem(responder, pm.id, { itemKey: "loadTest", checked: true });
    expect(state.loadTest).toMatchObject({ checked: true, by: "Responder Park" });
    const at = new Date(state.loadTest?.at ?? "").getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(now().getTime());
    await Promise.all([
      toggleChecklistItem(commander, pm.id, { itemKey: "rollbackPlan", checked: true }),
      toggleChecklistItem(responder, pm.id, { itemKey: "transactionScope", checked: true }),
      toggleChecklistItem(admin, pm.id, { itemKey: "exceptionHandling", checked: true }),
    ]);
    const after = (await getPostmortem(pm.id)).checklist;
    expect(
      Object.entries(after)
        .filter(([, m]) => m?.checked)
        .map(([k]) => k)
        .sort(),
    ).toEqual(["exceptionHandling", "loadTest", "rollbackPlan", "transactionScope"]);
    expect(after.rollbackPlan?.by).toBe("Commander Lee");
    const unchecked = await toggleChecklistItem(commander, pm.id, { itemKey: "loadTest", checked: false });
    expect(unchecked.loadTest).toEqual({ checked: false });
    await expectAppError(toggleChecklistItem(viewer, pm.id, { itemKey: "loadTest", checked: true }), "forbidden");
  });

  it("exports Markdown with the manual's headings, the action items and the checked items", async () => {
    const pm = await createPostmortem(responder, (await resolvedIncident()).incident.id);
    await savePostmortemSections(responder, pm.id, { sections: { rootCause: "No TTL on lock keys" }, version: 1 });
    await createActionItem(responder, pm.id, {
      title: "TTL on every lock",
      owner: "박서준",
      dueDate: wallClock(now()).date,
      horizon: "immediate",
      status: "open",
    });
    await toggleChecklistItem(commander, pm.id, { itemKey: "rollbackPlan", checked: true });
    const { markdown, filename } = await exportPostmortemMarkdown(pm.id);
    expect(filename).toBe(`postmortem-incident-${pm.incidentId}.md`);
    const headings = [...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 4)).toEqual(templateHeadings("ko"));
    expect(markdown).toContain("2. **근본 원인**: No TTL on lock keys");
    expect(markdown).toContain("| TTL on every lock | 박서준 |");
    expect(markdown).toMatch(/- \[x\] 롤백 계획 수립 \(Commander Lee, \d{4}-\d\d-\d\d \d\d:\d\d\)/);
  });
});
