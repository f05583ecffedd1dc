import type { IncidentDto } from "@/lib/server/incident-dto";
import type { Role } from "@/lib/domain/roles";

/** What every feature panel in the incident room receives (diagnostics, metrics, escalations, postmortem). */
export interface RoomSlotProps {
  incident: IncidentDto & { fetchedAt: number };
  role: Role;
  locale: "ko" | "en";
}
