import type { DeliveryChannel } from "@/lib/domain/notification-plan";
// JSON shapes of the escalation feature, shared by the API, the pages and the browser (types only).
import type { ChannelKind, EscalationRole } from "@/lib/domain/escalation-matrix";
import type { Severity } from "@/lib/domain/severity";
import type { Status } from "@/lib/domain/status";
import type { DeliveryState, OutboxReason } from "@/lib/domain/delivery-state";
import type { NotifierKind } from "@/lib/domain/paging-readiness";
import type { PagingReadiness } from "@/lib/domain/paging-readiness";

/**
 * delivered (handed to Slack, the mail server or the SMS/voice provider) · outbox_only (recorded in the app
 * only: channel not configured, or a drill — nobody was paged) · pending · held · scheduled · sending · retrying
 * · failed · cancelled (lib/domain/delivery-state)
 */
export type { DeliveryState, OutboxReason } from "@/lib/domain/delivery-state";
export type { PagingReadiness, SeverityReadiness, ChannelReadiness, ContactGap } from "@/lib/domain/paging-readiness";
export type { ScheduleCoverage } from "@/lib/domain/oncall/coverage";

export interface DeliveryDto {
  id: string;
  channel: DeliveryChannel;
  /** Slack channel, or the phone/email (masked unless the reader may edit contacts) */
  to: string;
  recipient: string | null;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  /**
   * the adapter that delivered it (slack, email, sms, phone, or outbox = recorded in the app only); before
   * delivery, the adapter that will take it with today's configuration
   */
  via: NotifierKind;
  /** when `via` is "outbox": "not_configured" (the channel has no adapter) or "drill" */
  outboxReason: OutboxReason | null;
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
  /** its steps wait: every component it affects is under running maintenance (lib/server/status/maintenance.ts) */
  heldByMaintenance?: boolean;
}

export interface EscalationBoardDto {
  /** the server's clock when this was computed (may be a test clock): countdowns run from it */
  now: string;
  items: IncidentEscalationDto[];
}

/** The compact schedule inside GET /api/v1/incidents/{id} (DESIGN.md). */
export interface IncidentEscalationSummaryDto {
  steps: {
    id: string | null;
    key: string;
    role: EscalationRole;
    state: StepState;
    dueAt: string;
    firedAt: string | null;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
  }[];
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
  /** as DeliveryDto.via: the adapter that delivered it, or will take it */
  via: NotifierKind;
  outboxReason: OutboxReason | null;
  /** which adapter delivered the last successful attempt ("outbox" = in-app only); null before one */
  deliveredVia: string | null;
  attempts: { at: string; ok: boolean; error: string | null; providerId: string | null; durationMs: number }[];
  createdAt: string;
  notBefore: string | null;
  sentAt: string | null;
  lastError: string | null;
}

export interface ContactDto {
  id: string;
  role: string;
  name: string;
  phone: string;
  email: string;
  slackHandle: string;
}

export interface AcknowledgeResult {
  id: string;
  key: string;
  role: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
  /** true when someone had already acknowledged it: nothing was changed */
  alreadyAcknowledged: boolean;
}

/** GET /api/v1/escalations/readiness: per severity, which channels really reach a person, and who lacks what. */
export interface PagingReadinessDto extends PagingReadiness {
  /** the server's clock when this was computed */
  checkedAt: string;
  /** the end of the span searched for on-call coverage gaps (checkedAt + 14 days) */
  coverageUntil: string;
}
