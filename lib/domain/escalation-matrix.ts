// The manual's escalation matrix (section 6.2) and alert channels (section 3.2).
import type { Severity } from "./severity";

export const ESCALATION_ROLES = ["team_lead", "department_head", "executive"] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

export interface EscalationStepRule {
  role: EscalationRole;
  /** elapsed time since the incident started */
  afterMs: number;
}

const MINUTE = 60_000;

export const ESCALATION_MATRIX: Record<Severity, EscalationStepRule[]> = {
  P0: [
    { role: "team_lead", afterMs: 15 * MINUTE },
    { role: "department_head", afterMs: 30 * MINUTE },
    { role: "executive", afterMs: 60 * MINUTE },
  ],
  P1: [
    { role: "team_lead", afterMs: 30 * MINUTE },
    { role: "department_head", afterMs: 60 * MINUTE },
  ],
  P2: [{ role: "team_lead", afterMs: 60 * MINUTE }],
  P3: [],
};

export const CHANNELS = ["slack", "sms", "phone", "email"] as const;
export type ChannelKind = (typeof CHANNELS)[number];

export interface ChannelRoute {
  kind: ChannelKind;
  /** Slack channel name for kind "slack" */
  target?: string;
}

export interface SeverityChannels {
  routes: ChannelRoute[];
  /** P3 is delivered only during business hours (held until they start) */
  businessHoursOnly: boolean;
}

export const SEVERITY_CHANNELS: Record<Severity, SeverityChannels> = {
  P0: { routes: [{ kind: "slack", target: "#emergency" }, { kind: "sms" }, { kind: "phone" }], businessHoursOnly: false },
  P1: { routes: [{ kind: "slack", target: "#emergency" }, { kind: "sms" }, { kind: "phone" }], businessHoursOnly: false },
  P2: { routes: [{ kind: "slack", target: "#alerts" }, { kind: "email" }], businessHoursOnly: false },
  P3: { routes: [{ kind: "slack", target: "#monitoring" }, { kind: "email" }], businessHoursOnly: true },
};
