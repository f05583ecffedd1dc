// What happened to an incident, as told to the features that react to it (notifications, drills, ...)
// after the change is committed.
import type { Severity } from "@/lib/domain/severity";
import type { Status } from "@/lib/domain/status";

export interface IncidentEvent {
  incidentId: number;
  kind: "declared" | "status" | "severity" | "commander" | "resolved" | "reopened" | "note";
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
