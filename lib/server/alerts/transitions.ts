import "server-only";
// What the evaluation's winner does after its transaction commits, in the order the transitions
// happened: a firing alert whose previous episode's incident is still open is recorded there ("fired
// again") instead of opening a duplicate; an open incident of the same correlation key (the rule's name,
// e.g. opened from Alertmanager's alert of that name) is joined; otherwise, with auto-open on, P0–P2 severity rules open an
// incident; a resolved alert is recorded on its incident's timeline. Failures are logged per
// transition and never undo the evaluation.
import { alertHeldByMaintenance } from "../status/maintenance";
import { prisma } from "../db";
import { engineActor } from "./actors";
import { getAlertSettings } from "./settings";
import { alertId } from "./state-store";
import { autoOpens, joinRuleAlert, openIncidentForRuleAlert, openIncidentOf, recordOnIncident } from "./incident-link";
import { incidentOfKey } from "./correlation";
import { ruleFiringText, ruleNoDataText, ruleResolvedText, ruleTimelineData } from "./timeline-text";
import { findAlertRule } from "@/lib/domain/alert-rules";
import type { Transition } from "@/lib/domain/rule-engine";

/**
 * What the incident's timeline says when a rule alert stops firing or stops getting data. No data is not a
 * recovery: the alert is still firing as far as anyone knows, and it is said once on the incident.
 */
const ENDED_FIRING = {
  nodata: { kind: "alert-nodata", text: ruleNoDataText, stamp: "noDataAt" },
  resolved: { kind: "alert-resolved", text: ruleResolvedText, stamp: "resolvedAt" },
} as const;

export async function actOnTransitions(transitions: readonly Transition[], options: { autoOpen?: boolean } = {}): Promise<number[]> {
  const relevant = transitions.filter((t) => t.to !== "pending");
  if (relevant.length === 0) return [];
  const autoOpen = options.autoOpen ?? (await getAlertSettings()).autoOpen;
  const opened: number[] = [];
  for (const tr of relevant) {
    const rule = findAlertRule(tr.rule);
    if (!rule) continue;
    const id = alertId(tr.rule, tr.labels);
    const actor = engineActor(rule.name);
    try {
      const row = await prisma.alertState.findUnique({ where: { id }, select: { incidentId: true } });
      const incidentId = await openIncidentOf(row?.incidentId ?? null);
      const facts = { rule, value: tr.value, activeAt: tr.activeAt, firedAt: tr.firedAt ?? tr.at };
      if (tr.to === "nodata" || tr.to === "resolved") {
        const entry = ENDED_FIRING[tr.to];
        if (incidentId) {
          await recordOnIncident(incidentId, {
            kind: entry.kind,
            actorLabel: actor.label,
            message: entry.text(rule, tr.at, tr.value),
            data: ruleTimelineData(facts, { alertId: id, [entry.stamp]: new Date(tr.at).toISOString() }),
          });
        }
        continue;
      }
      if (incidentId) {
        await recordOnIncident(incidentId, {
          kind: "alert",
          actorLabel: actor.label,
          message: ruleFiringText(facts, true),
          data: ruleTimelineData(facts, { alertId: id, again: true }),
        });
        continue;
      }
      // The same problem already has an incident (Alertmanager's alert of this name, another series of
      // the rule): join it, with or without auto-open — joining opens nothing and pages nobody.
      const keyed = await incidentOfKey(rule.name);
      if (keyed) {
        await joinRuleAlert(keyed, id);
        continue;
      }
      // a maintenance window of the rule's components holds the automatic incident (lib/server/status/maintenance.ts)
      if (autoOpen && autoOpens(rule) && !(await alertHeldByMaintenance(rule.name, tr.labels))) {
        const result = await openIncidentForRuleAlert(actor, id, { expectFiredAt: tr.firedAt ?? tr.at });
        if (result?.created) opened.push(result.incident.id);
      }
    } catch (error) {
      console.error(`[alerts] acting on ${tr.rule} ${tr.to} failed`, error);
    }
  }
  return opened;
}
