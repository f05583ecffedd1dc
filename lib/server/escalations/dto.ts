// JSON shapes of the escalation feature, shared by the API, the pages and the browser (types only).
import type { ChannelKind, EscalationRole } from "@/lib/domain/escalation-matrix";
import type { Severity } from "@/lib/domain/severity";
import type { Status } from "@/lib/domain/status";

/**
 * sent · pending (waiting for its first attempt) · held (P3 outside business hours) · sending (claimed by a
 * deliverer right now) · retrying (failed, next attempt scheduled) · failed (given up; shown, never dropped)
 */
export type DeliveryState = "sent" | "pending" | "held" | "sending" | "retrying" | "failed";

export interface DeliveryDto {
  id: string;
  channel: ChannelKind;
  /** Slack channel, or the phone/email (masked unless the reader may edit contacts) */
  to: string;
  recipient: string | null;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** the adapter of the successful attempt: slack, email, sms, phone, or outbox (in-app only: drill or not configured) */
  via: string | null;
  /** the escalation firing it belongs to ("team_lead", "team_lead#renotify-1"), null for incident events */
  fireKey: string | null;
}

/**
 * fired · due (owed now but not fired yet: the scheduler is behind or down) · pending (in the future)
 * · cancelled (not owed any more: severity lowered, or resolved before it was due)
 */
export type StepState = "fired" | "due" | "pending" | "cancelled";

export interface EscalationStepDto {
  /** the firing's id once fired (use it, or the step key, to acknowledge) */
  id: string | null;
  key: string;
  role: EscalationRole;
  state: StepState;
  cancelledBecause: "severity-lowered" | "resolved" | null;
  dueAt: string;
  firedAt: string | null;
  lateByMs: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** reminders sent so far while unacknowledged, and the next one */
  reminders: number;
  nextReminderAt: string | null;
  deliveries: DeliveryDto[];
  /** who could not be reached for this step (no contact, no phone number, ...) */
  unreachable: { role: string; name: string; channel: string; reason: string }[];
}

export interface IncidentEscalationDto {
  /** the server's clock when this was computed (may be a test clock) */
  now: string;
  incident: { id: number; title: string; severity: Severity; status: Status; isDrill: boolean; startedAt: string };
  open: boolean;
  steps: EscalationStepDto[];
  next: { key: string; role: EscalationRole; dueAt: string; timeLeftMs: number } | null;
  /** deliveries of the incident's own events (declared, severity changed, resolved, reopened) */
  eventDeliveries: DeliveryDto[];
  failedDeliveries: number;
}

export interface EscalationBoardDto {
  /** the server's clock when this was computed (may be a test clock): countdowns run from it */
  now: string;
  items: IncidentEscalationDto[];
}

/** The compact schedule inside GET /api/v1/incidents/{id} (DESIGN.md). */
export interface IncidentEscalationSummaryDto {
  steps: { id: string | null; key: string; role: EscalationRole; state: StepState; dueAt: string; firedAt: string | null; acknowledgedAt: string | null; acknowledgedBy: string | null }[];
  next: IncidentEscalationDto["next"];
}

export interface NotificationLogDto {
  id: string;
  incidentId: number | null;
  event: string;
  channel: ChannelKind;
  to: string;
  recipient: string | null;
  subject: { ko: string; en: string };
  message: { ko: string; en: string };
  isDrill: boolean;
  state: DeliveryState;
  /** which adapter delivered the last successful attempt ("outbox" = in-app only) */
  deliveredVia: string | null;
  attempts: { at: string; ok: boolean; error: string | null; providerId: string | null; durationMs: number }[];
  createdAt: string;
  notBefore: string | null;
  sentAt: string | null;
  lastError: string | null;
}

export interface ContactDto { id: string; role: string; name: string; phone: string; email: string; slackHandle: string }

export interface AcknowledgeResult {
  id: string;
  key: string;
  role: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
  /** true when someone had already acknowledged it: nothing was changed */
  alreadyAcknowledged: boolean;
}
