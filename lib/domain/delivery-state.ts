// What a notification's delivery really achieved, as the board, the room, the outbox log and the API say
// it. "Sent" is not one state: a message the in-app outbox recorded because its channel has no adapter
// (Slack, SMTP, SMS not configured) or because it belongs to a drill reached nobody, and must never be
// shown as a success. Pure: the caller passes the row's columns, the adapter of its successful attempt
// and the adapter today's configuration would use.
import type { NotifierKind } from "./paging-readiness";

/**
 * delivered (an adapter handed it to Slack, the mail server or the SMS/voice provider) · outbox_only
 * (recorded in the app only: the channel is not configured, or a drill) · pending (waiting for its first
 * attempt) · held (P3 outside business hours) · scheduled (an escalation page waiting for its person's
 * notification rule, e.g. "call after 3 min") · sending (claimed by a deliverer right now) · retrying
 * (failed, next attempt scheduled) · failed (given up; shown, never dropped) · cancelled (a scheduled page
 * whose step was acknowledged first: nobody needs it any more)
 */
export const DELIVERY_STATES = [
  "delivered",
  "outbox_only",
  "pending",
  "held",
  "scheduled",
  "sending",
  "retrying",
  "failed",
  "cancelled",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Why a message stayed in the app: its channel had no adapter, or it belongs to a drill (by design). */
export type OutboxReason = "not_configured" | "drill";

export interface DeliveryRow {
  /** the Notification row's status column: pending | sending | sent | failed | cancelled */
  status: string;
  /** the row's event: an escalation page waits for a personal rule, anything else for business hours */
  event?: string;
  attempts: number;
  notBefore: Date | null;
  isDrill: boolean;
}

export interface DeliveryTruth {
  state: DeliveryState;
  /**
   * the adapter of the successful attempt; before one, the adapter that will take it (drills: the outbox;
   * otherwise today's configuration), so a pending page that can only reach the outbox says so already
   */
  via: NotifierKind;
  /** set when `via` is the outbox: why nobody will be (was) reached */
  outboxReason: OutboxReason | null;
}

/** The first part of a recorded provider id ("slack", "sms:SM12…", "outbox:<key>"), when it names an adapter. */
export function adapterOfProviderId(providerId: string | null | undefined): NotifierKind | null {
  const kind = providerId?.split(":")[0];
  return kind === "slack" || kind === "email" || kind === "sms" || kind === "phone" || kind === "push" || kind === "outbox" ? kind : null;
}

/**
 * `deliveredVia`: the adapter of the successful attempt (null before one); `plannedVia`: the adapter
 * today's configuration picks for the row's channel and target.
 */
export function deliveryTruth(row: DeliveryRow, deliveredVia: NotifierKind | null, plannedVia: NotifierKind, now: Date): DeliveryTruth {
  const via: NotifierKind = row.status === "sent" && deliveredVia ? deliveredVia : row.isDrill ? "outbox" : plannedVia;
  const outboxReason: OutboxReason | null = via !== "outbox" ? null : row.isDrill ? "drill" : "not_configured";
  return { state: stateOf(row, via, now), via, outboxReason };
}

function stateOf(row: DeliveryRow, via: NotifierKind, now: Date): DeliveryState {
  switch (row.status) {
    case "sent":
      return via === "outbox" ? "outbox_only" : "delivered";
    case "failed":
    case "sending":
    case "cancelled":
      return row.status;
    default:
      if (row.notBefore && row.notBefore > now) return row.event === "escalation" ? "scheduled" : "held";
      return row.attempts > 0 ? "retrying" : "pending";
  }
}

/** Worst first: a channel with several messages shows the state of its least successful one. */
export const DELIVERY_STATE_ORDER: readonly DeliveryState[] = [
  "failed",
  "retrying",
  "sending",
  "pending",
  "scheduled",
  "held",
  "outbox_only",
  "delivered",
  "cancelled",
];

export function worstDeliveryState(states: readonly DeliveryState[]): DeliveryState | null {
  return DELIVERY_STATE_ORDER.find((s) => states.includes(s)) ?? null;
}
