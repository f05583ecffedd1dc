// What happened to an incident, as told to the features that react to it (notifications, drills, ...).
// Stored in the change's transaction as an IncidentOutbox row (incident-outbox/record.ts) and handed to
// the features from that row by the dispatcher (incident-outbox/dispatcher.ts).
import type { Severity } from "@/lib/domain/severity";
import type { Status } from "@/lib/domain/status";

export interface IncidentEvent {
  incidentId: number;
  kind: "declared" | "status" | "severity" | "commander" | "resolved" | "reopened" | "note" | "update";
  at: Date;
  /** the timeline event that records it */
  timelineEventId: string | null;
  severity: Severity;
  previousSeverity?: Severity;
  status: Status;
  previousStatus?: Status;
  isDrill: boolean;
  title: string;
  actorLabel: string;
}
