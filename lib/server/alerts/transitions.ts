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
      if (tr.to === "nodata") {
        // The source answered with nothing: the alert is still firing as far as anyone knows. Said
        // once on the incident, never as a recovery.
        if (incidentId) {
          await recordOnIncident(incidentId, {
            kind: "alert-nodata",
            actorLabel: actor.label,
            message: ruleNoDataText(rule, tr.at, tr.value),
            data: ruleTimelineData(
              { rule, value: tr.value, activeAt: tr.activeAt, firedAt: tr.firedAt ?? tr.at },
              { alertId: id, noDataAt: new Date(tr.at).toISOString() },
            ),
          });
        }
        continue;
      }
      if (tr.to === "resolved") {
        if (incidentId) {
          await recordOnIncident(incidentId, {
            kind: "alert-resolved",
            actorLabel: actor.label,
            message: ruleResolvedText(rule, tr.at, tr.value),
            data: ruleTimelineData(
              { rule, value: tr.value, activeAt: tr.activeAt, firedAt: tr.firedAt ?? tr.at },
              { alertId: id, resolvedAt: new Date(tr.at).toISOString() },
            ),
          });
        }
        continue;
      }
      const facts = { rule, value: tr.value, activeAt: tr.activeAt, firedAt: tr.firedAt ?? tr.at };
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
