// Paging readiness: for each severity, which of its channels (manual 3.2) will really reach a person with
// today's adapters and contacts directory, and who cannot be reached on which channel. A channel without
// an adapter only records in the in-app outbox, which nobody is paged by; an SMS or a call needs a phone
// number, an email an address, a Slack mention a member id. Pure: the caller says which adapters exist.
import { ESCALATION_MATRIX, SEVERITY_CHANNELS, type ChannelKind } from "./escalation-matrix";
import { DEFAULT_ON_CALL_ROLES, normalizePhone, type ContactEntry } from "./notification-plan";
import { SEVERITIES, type Severity } from "./severity";
import type { ScheduleCoverage } from "./oncall/coverage";

/** The adapters a delivery can go through; "outbox" = recorded in the app only. */
export type NotifierKind = "slack" | "email" | "sms" | "phone" | "push" | "outbox";

/** Which adapters are configured: Slack per channel name ("#emergency"), the others as a whole. */
export interface ConfiguredAdapters {
  slack: Record<string, boolean>;
  email: boolean;
  sms: boolean;
  phone: boolean;
}

/** phone: SMS and calls; email; slack: the member id that @mentions them; contact: nobody holds the role */
export type MissingDetail = "phone" | "email" | "slack" | "contact";

export interface ContactGap {
  role: string;
  /** empty for a directory entry without a name, or when nobody holds the role */
  name: string;
  missing: MissingDetail;
}

/**
 * reaches: the adapter exists and at least one person has the detail it needs (a Slack channel post
 * reaches the channel) · outbox_only: no adapter, recorded in the app only · nobody: the adapter exists
 * but none of the people it should page has the detail
 */
export type ChannelReadinessState = "reaches" | "outbox_only" | "nobody";

export interface ChannelReadiness {
  channel: ChannelKind;
  /** the Slack channel name for "slack", else null */
  target: string | null;
  configured: boolean;
  state: ChannelReadinessState;
  /** how many of the roles' people this channel reaches (for Slack: how many it @mentions) */
  reached: number;
  /** the people it should reach and cannot (for Slack: not @mentioned; the channel post still goes out) */
  gaps: ContactGap[];
}

/**
 * ready: every channel reaches every person · partial: some channel reaches a person, with gaps ·
 * not_ready: no channel reaches anybody (every page ends in the in-app outbox)
 */
export type SeverityReadinessState = "ready" | "partial" | "not_ready";

export interface SeverityReadiness {
  severity: Severity;
  state: SeverityReadinessState;
  /** the people the severity's notifications page: the on-call roles at declaration, then the escalation roles */
  roles: string[];
  businessHoursOnly: boolean;
  channels: ChannelReadiness[];
  /** paged roles whose schedule has a coming span with nobody on call and no directory entry to page instead */
  uncovered: string[];
}

export interface PagingReadiness {
  severities: SeverityReadiness[];
  /** every contact of a paged role and what each lacks, one entry per person and missing detail */
  contactGaps: ContactGap[];
  /** per on-call schedule: its coming coverage gaps and whether someone is paged in them */
  coverage: ScheduleCoverage[];
  /** true when every severity is ready (which includes: no paged role has a gap that nobody answers) */
  ready: boolean;
}

const DETAIL_OF: Record<Exclude<ChannelKind, "slack">, "phone" | "email"> = { sms: "phone", phone: "phone", email: "email" };

function detailOf(contact: ContactEntry, detail: "phone" | "email" | "slack"): string {
  if (detail === "phone") return normalizePhone(contact.phone);
  if (detail === "email") return contact.email.trim();
  return contact.slackHandle.trim();
}

/** The roles a severity's notifications go to (notification-plan: events to the on-call roles, steps to the matrix roles). */
export function pagedRoles(severity: Severity, onCallRoles: readonly string[] = DEFAULT_ON_CALL_ROLES): string[] {
  return [...new Set([...onCallRoles, ...ESCALATION_MATRIX[severity].map((s) => s.role)])];
}

function channelReadiness(
  channel: ChannelKind,
  target: string | null,
  configured: boolean,
  roles: string[],
  contacts: ContactEntry[],
): ChannelReadiness {
  const detail = channel === "slack" ? "slack" : DETAIL_OF[channel];
  const gaps: ContactGap[] = [];
  let reached = 0;
  for (const role of roles) {
    const people = contacts.filter((c) => c.role === role);
    if (people.length === 0) gaps.push({ role, name: "", missing: "contact" });
    for (const person of people) {
      if (detailOf(person, detail)) reached++;
      else gaps.push({ role, name: person.name.trim(), missing: detail });
    }
  }
  const state: ChannelReadinessState = !configured ? "outbox_only" : channel === "slack" || reached > 0 ? "reaches" : "nobody";
  return { channel, target, configured, state, reached, gaps };
}

export function pagingReadiness(input: {
  adapters: ConfiguredAdapters;
  contacts: ContactEntry[];
  onCallRoles?: readonly string[];
  severities?: readonly Severity[];
  /** from scheduleCoverage(); none = no schedules */
  coverage?: ScheduleCoverage[];
}): PagingReadiness {
  const coverage = input.coverage ?? [];
  const uncoveredRoles = new Set(coverage.filter((c) => c.unreachable).map((c) => c.role));
  const severities = (input.severities ?? SEVERITIES).map((severity): SeverityReadiness => {
    const roles = pagedRoles(severity, input.onCallRoles);
    const channels = SEVERITY_CHANNELS[severity].routes.map((route) => {
      const target = route.kind === "slack" ? (route.target ?? "#alerts") : null;
      const configured = route.kind === "slack" ? Boolean(input.adapters.slack[target!]) : input.adapters[route.kind];
      return channelReadiness(route.kind, target, configured, roles, input.contacts);
    });
    const reaching = channels.filter((c) => c.state === "reaches");
    const uncovered = roles.filter((r) => uncoveredRoles.has(r));
    // A coming gap does not stop today's pages, but the severity is not ready for every hour of the next two weeks.
    const state: SeverityReadinessState =
      reaching.length === 0
        ? "not_ready"
        : reaching.length === channels.length && channels.every((c) => c.gaps.length === 0) && uncovered.length === 0
          ? "ready"
          : "partial";
    return { severity, state, roles, businessHoursOnly: SEVERITY_CHANNELS[severity].businessHoursOnly, channels, uncovered };
  });

  // Each person of a paged role once per detail that one of their channels needs and they lack.
  const seen = new Set<string>();
  const contactGaps: ContactGap[] = [];
  for (const s of severities) {
    for (const c of s.channels) {
      for (const gap of c.gaps) {
        const key = `${gap.role}|${gap.name}|${gap.missing}`;
        if (!seen.has(key)) {
          seen.add(key);
          contactGaps.push(gap);
        }
      }
    }
  }
  return { severities, contactGaps, coverage, ready: severities.every((s) => s.state === "ready") };
}
