// Scheduled maintenance (issue 15): while a window runs for a component, an Alertmanager alert about that
// component (label component=points) opens no incident automatically; once the window is over, the next
// alert does. The page shows the window and the component as under maintenance only while it runs.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { advanceClock, now } from "@/lib/server/clock";
import { ingestAlertmanager } from "@/lib/server/alerts/alertmanager";
import { listComponents } from "@/lib/server/status/components";
import { createMaintenance, alertHeldByMaintenance } from "@/lib/server/status/maintenance";
import { publicStatus } from "@/lib/server/status/snapshot";
import { invalidateStatusSnapshot } from "@/lib/server/status/snapshot-cache";
import type { AlertmanagerNotification } from "@/lib/domain/alertmanager";
import { actorFor } from "../support/actors";
import { declareIncident } from "@/lib/server/incidents";
import { runSchedulerTick } from "@/lib/server/escalations/scheduler";
import { roomStatus } from "@/lib/server/status/room";
import { resetAlerting } from "./alerts-support";

const MIN = 60_000;

function firing(fingerprint: string, at: Date): AlertmanagerNotification {
  const labels = { alertname: "PointErrors", severity: "critical", component: "points", instance: fingerprint };
  return {
    receiver: "ic",
    status: "firing",
    groupKey: `{}:{alertname="PointErrors",instance="${fingerprint}"}`,
    groupLabels: { alertname: "PointErrors" },
    commonLabels: labels,
    commonAnnotations: { summary: "checkout errors" },
    externalURL: "http://alertmanager:9093",
    truncatedAlerts: 0,
    alerts: [
      {
        fingerprint,
        status: "firing",
        name: "PointErrors",
        labels,
        annotations: { summary: "checkout errors" },
        startsAt: at,
        endsAt: null,
        generatorURL: null,
        severity: "P1",
        severitySource: "label",
        episodeKey: `${fingerprint}@${at.toISOString()}`,
      },
    ],
  };
}

/** A commander's maintenance window on the component `slug`, begun a minute before now and ending `forMs` after now. */
async function runningMaintenance(slug: string, title: { ko: string; en: string }, forMs: number) {
  const commander = await actorFor("commander");
  const component = (await listComponents()).find((c) => c.slug === slug)!;
  const start = now();
  await createMaintenance(commander, {
    title,
    components: [component.id],
    startsAt: new Date(start.getTime() - MIN).toISOString(),
    endsAt: new Date(start.getTime() + forMs).toISOString(),
  });
  return { commander, component, start };
}

describe("maintenance windows", () => {
  beforeEach(async () => {
    await resetAlerting();
  });

  it("hold the automatic incident of an alert on their component while they run, and only then", async () => {
    const { component: points } = await runningMaintenance("points", { ko: "포인트 점검", en: "Points maintenance" }, 10 * MIN);
    expect(await alertHeldByMaintenance("PointErrors", { component: "points" })).toBe(true);
    expect(await alertHeldByMaintenance("PointErrors", { component: "points,orders" })).toBe(false);
    expect(await alertHeldByMaintenance("HighErrorRate")).toBe(false);

    invalidateStatusSnapshot();
    const during = await publicStatus();
    expect(during.components.find((c) => c.id === points.id)!.state).toBe("under_maintenance");
    expect(during.maintenance.find((m) => m.title.ko === "포인트 점검")).toMatchObject({ active: true });

    const before = await prisma.incident.count();
    const held = await ingestAlertmanager(firing(`fp-held-${Date.now()}`, now()), { autoOpen: true });
    expect(held.outcomes[0].incidentId).toBeNull();
    expect(await prisma.incident.count()).toBe(before);

    // the window ends by the clock alone
    advanceClock(11 * MIN);
    expect(await alertHeldByMaintenance("PointErrors", { component: "points" })).toBe(false);
    invalidateStatusSnapshot();
    expect((await publicStatus()).components.find((c) => c.id === points.id)!.state).toBe("operational");
    const opened = await ingestAlertmanager(firing(`fp-after-${Date.now()}`, now()), { autoOpen: true });
    expect(opened.outcomes[0].incidentId).toEqual(expect.any(Number));
    expect(await prisma.incident.count()).toBe(before + 1);
  });

  it("hold the escalations of an incident whose components are all under maintenance until the window ends", async () => {
    const {
      commander,
      component: payment,
      start,
    } = await runningMaintenance("payment", { ko: "결제 DB 점검", en: "Payment DB maintenance" }, 45 * MIN);
    const incident = await declareIncident(commander, { title: "결제 지연", severity: "P1", components: [payment.id] });
    expect((await roomStatus(incident.id)).heldByMaintenance).toBe(true);
    // P1: the team lead is due at 30 min — the window still runs, so the step waits
    const during = await runSchedulerTick(new Date(start.getTime() + 31 * MIN), "vitest-maintenance");
    expect(during.fired.filter((f) => f.incidentId === incident.id)).toEqual([]);
    // after the window the step fires (late), once
    const after = await runSchedulerTick(new Date(start.getTime() + 46 * MIN), "vitest-maintenance");
    expect(after.fired.filter((f) => f.incidentId === incident.id).map((f) => f.fireKey)).toEqual(["team_lead"]);
    // late by the time the window held it (16 min, less the real milliseconds the test itself took)
    expect(after.fired.find((f) => f.incidentId === incident.id)!.lateByMs).toBeGreaterThan(15 * MIN);
  });
});
