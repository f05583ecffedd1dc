// Plans a change to an incident: what fields change and which timeline events record it.
// Pure, so every rule (transitions, reasons, no-op detection) is unit-tested without a database.
import { checkTransition, type Status } from "./status";
import type { Severity } from "./severity";
import type { ChangeIncidentInput } from "./incident-input";

export interface IncidentState {
  status: Status;
  severity: Severity;
  commanderId: string | null;
  resolvedAt: Date | null;
}

export interface PlannedEvent {
  kind: "status" | "severity" | "commander" | "reopened" | "resolved";
  message: string;
  data: Record<string, unknown>;
}

export type ChangePlan =
  | { ok: true; update: Partial<IncidentState>; events: PlannedEvent[] }
  | { ok: false; field: "status" | "severity" | "commanderId" | "reason"; message: string };

export function planIncidentChange(
  current: IncidentState,
  input: ChangeIncidentInput,
  ctx: { now: Date; commanderName?: string | null },
): ChangePlan {
  const update: Partial<IncidentState> = {};
  const events: PlannedEvent[] = [];
  const reason = input.reason?.trim() || undefined;

  if (input.severity !== undefined && input.severity !== current.severity) {
    if (!reason) return { ok: false, field: "reason", message: "Give a reason for changing the severity." };
    update.severity = input.severity;
    events.push({
      kind: "severity",
      message: `Severity ${current.severity} → ${input.severity}: ${reason}`,
      data: { from: current.severity, to: input.severity, reason },
    });
  }

  if (input.status !== undefined && input.status !== current.status) {
    const check = checkTransition(current.status, input.status);
    if (!check.ok) return { ok: false, field: "status", message: check.reason };
    update.status = input.status;
    if (input.status === "resolved") update.resolvedAt = ctx.now;
    if (check.reopen) update.resolvedAt = null;
    events.push({
      kind: check.reopen ? "reopened" : input.status === "resolved" ? "resolved" : "status",
      message: check.reopen
        ? `Reopened (was resolved)${reason ? `: ${reason}` : ""}`
        : `Status ${current.status} → ${input.status}${reason && update.severity === undefined ? `: ${reason}` : ""}`,
      data: { from: current.status, to: input.status, ...(reason ? { reason } : {}) },
    });
  } else if (
    input.status !== undefined &&
    input.status === current.status &&
    input.severity === undefined &&
    input.commanderId === undefined
  ) {
    return { ok: false, field: "status", message: `The incident is already ${current.status}.` };
  }

  if (input.commanderId !== undefined && input.commanderId !== current.commanderId) {
    update.commanderId = input.commanderId;
    events.push({
      kind: "commander",
      message: input.commanderId ? `Commander: ${ctx.commanderName ?? input.commanderId}` : "Commander unassigned",
      data: { from: current.commanderId, to: input.commanderId, name: input.commanderId ? (ctx.commanderName ?? null) : null },
    });
  }

  if (events.length === 0) return { ok: false, field: "status", message: "Nothing changed: the incident already has these values." };
  return { ok: true, update, events };
}
