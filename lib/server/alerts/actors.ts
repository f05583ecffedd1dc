import "server-only";
// Who writes when no person does: the rule engine (per rule) and the Alertmanager receiver. They act
// with the commander role, which lets them declare incidents, and carry no user, so declaring does not
// make anyone the commander — a person still has to take the incident.
import type { Actor } from "../actor";

export function engineActor(rule: string): Actor {
  return { kind: "token", userId: null, tokenId: null, label: `alert:${rule}`, role: "commander" };
}

export function alertmanagerActor(alertname: string): Actor {
  return { kind: "token", userId: null, tokenId: null, label: `alertmanager:${alertname || "unnamed"}`, role: "commander" };
}
