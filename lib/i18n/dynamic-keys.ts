// Message keys the code builds at run time, e.g. t(`roles.${role}`), with every value the `${…}` can
// take. The catalogue test (tests/unit/i18n/catalogues.test.ts) finds each such call in app/,
// components/ and lib/, writes it as a pattern — the full key with `*` for the `${…}` ("roles.*"; a
// bare t(value) is "<namespace>.*") — and requires that pattern here. The keys a pattern expands to
// count as used, and each must exist in Korean and in English: a new enum member without its label
// fails the test instead of showing "escalations.delivery.expired" on screen.
//
// Prefer the domain's own list (ROLES) or a union type checked by the compiler (`every<DeliveryState>`)
// over a hand-written list, so that adding a member cannot go unnoticed.
import type { AlertState, RuleStatus } from "@/lib/domain/rule-engine";
import type { TeamId } from "@/lib/domain/alert-rules";
import type { CommandIssue } from "@/lib/domain/runbooks";
import type { Delivery } from "@/lib/domain/notification-plan";
import type { FactSourceKind } from "@/lib/domain/postmortem/prefill";
import type { RecoveryCheck } from "@/lib/domain/recovery-checks";
import type { Verdict } from "@/lib/diagnostics/types";
import type { DeliveryState, EscalationStepDto, StepState } from "@/lib/server/escalations/dto";
import type { ChannelReadinessState, MissingDetail, SeverityReadinessState } from "@/lib/domain/paging-readiness";
import type { RuleEvaluation } from "@/lib/server/alerts/read-model";
import type { WebhookIssue } from "@/lib/domain/alertmanager";
import type { SqlDialect } from "@/lib/domain/recovery-account";
import type { UnsafeTextKind } from "@/lib/domain/safe-text";
import { PROBLEM_KINDS } from "@/lib/domain/recovery-account";
import { SQL_DATABASES } from "@/lib/domain/recovery-checks";
import { SSO_FAILURES } from "@/lib/domain/sign-in";
import { CONTACT_ROLES } from "@/lib/domain/contacts";
import { CHANNELS } from "@/lib/domain/escalation-matrix";
import { POSTMORTEM_STATUSES } from "@/lib/domain/postmortem/publish";
import { ROLES } from "@/lib/domain/roles";
import { COMPONENT_STATES } from "@/lib/domain/status/components";
import { UPDATE_STATUSES } from "@/lib/domain/status/updates";
import { SEVERITIES } from "@/lib/domain/severity";
import { STATUSES } from "@/lib/domain/status";
import { TARGET_KINDS } from "@/lib/diagnostics/types";
import { RANGE_OPTIONS } from "@/components/metrics/ranges";
import { HEADLINE, PANELS } from "@/components/insights/panels";
import enApiErrors from "@/lib/i18n/messages/en.apiErrors.json";
import { ACK_VIAS } from "@/lib/domain/reach/ack-via";
import { METHOD_CHANNELS } from "@/lib/domain/reach/readiness";

/** Every member of the string union T; the compiler rejects a missing or an unknown member. */
const every = <T extends string>(members: Record<T, true>): readonly T[] => Object.keys(members) as T[];

type CancelReason = NonNullable<EscalationStepDto["cancelledBecause"]>;

export const DYNAMIC_KEYS: Readonly<Record<string, readonly string[]>> = {
  "reach.via.*": ACK_VIAS,
  "reach.channel.*": METHOD_CHANNELS,
  // user roles (lib/domain/roles.ts): header, Settings, token list, commander picker
  "roles.*": ROLES,
  "status.*": STATUSES,
  "severity.*": SEVERITIES,
  "severity.*desc": SEVERITIES,
  // the incident list's filter tabs (components/incidents/incident-list.tsx FILTERS)
  "incidents.*": ["open", "resolved", "all"],
  // the contacts directory and escalation roles (lib/domain/contacts.ts): Settings, board, timeline
  "contacts.*": CONTACT_ROLES,
  // sign-in methods of a user (lib/server/users.ts signInMethods): Settings → users
  "users.*": ["password", "sso"],
  // the login page's failure codes (app/login/page.tsx: SSO failures and PASSWORD_ERRORS; components/auth/login-form.tsx KNOWN)
  "users.loginErrors.*": [...SSO_FAILURES, "deactivated", "password_disabled", "throttled"],
  // the request guards' refusals (lib/server/security/messages.ts)
  "security.unsafeText.*": every<UnsafeTextKind>({ nul: true, surrogate: true }),
  // API errors in the asker's language (lib/server/error-text.ts): every English template of the catalogue
  "apiErrors.*": Object.keys(enApiErrors),
  // an Alertmanager alert's row on the timeline (lib/domain/timeline-text.ts systemEventText)
  "timeline.alert.external.*": ["opened", "again", "joined"],

  "escalations.channel.*": [...CHANNELS, "push"],
  // components/escalations/deliveries.tsx: "outbox_only" takes delivery.outboxOnly / outboxOnlyDrill instead
  "escalations.delivery.*": every<Exclude<DeliveryState, "outbox_only">>({
    delivered: true,
    pending: true,
    held: true,
    scheduled: true,
    sending: true,
    retrying: true,
    failed: true,
    cancelled: true,
  }),
  "escalations.state.*": every<StepState>({ fired: true, due: true, pending: true, cancelled: true }),
  "escalations.cancelledBecause.*": every<CancelReason>({ "severity-lowered": true, resolved: true }),
  // components/escalations/step-list.tsx REASON_KEYS (the planner's reasons it knows), also used by the timeline
  "escalations.reason.*": ["noPhone", "noEmail", "noContact"],
  "escalations.outbox.events.*": every<Delivery["event"]>({
    escalation: true,
    declared: true,
    "severity-changed": true,
    resolved: true,
    reopened: true,
    handoff: true,
    "status-update": true,
    "test-page": true,
    "insights-report": true,
  }),
  // the insights page's panels (components/insights/panels.ts) and headline figures (dashboard.tsx)
  "insights.*.title": PANELS.map((p) => p.messages),
  "insights.*.def": PANELS.filter((p) => !p.definitions).map((p) => p.messages),
  "insights.def.*": [...new Set([...PANELS.flatMap((p) => p.definitions ?? []), ...HEADLINE])],
  "insights.headline.*": HEADLINE,
  // the public status page (components/status, lib/server/status)
  "statuspage.state.*": COMPONENT_STATES,
  "statuspage.updateStatus.*": UPDATE_STATUSES,
  // ISO weekdays, Monday = 1 (lib/domain/business-hours.ts)
  "escalations.readiness.state.*": every<SeverityReadinessState>({ ready: true, partial: true, not_ready: true }),
  // one chip per channel state (components/escalations/readiness.tsx GROUP_ORDER)
  "escalations.readiness.group.*": every<ChannelReadinessState>({ reaches: true, outbox_only: true, nobody: true }),
  "escalations.readiness.missing.*": every<MissingDetail>({ contact: true, phone: true, email: true, slack: true }),
  "escalations.settings.weekday.*": ["1", "2", "3", "4", "5", "6", "7"],

  "metrics.range.*": RANGE_OPTIONS,
  "metrics.team.*": every<TeamId>({ payments: true, marketing: true }),
  "metrics.state.*": every<RuleStatus | AlertState>({ inactive: true, pending: true, firing: true }),
  // components/metrics/rule-state.tsx shows these only when the evaluation is not "ok"
  "metrics.evaluation.*": every<Exclude<RuleEvaluation, "ok">>({ error: true, no_data: true, unknown: true }),
  "metrics.evaluationHint.*": every<Exclude<RuleEvaluation, "ok">>({ error: true, no_data: true, unknown: true }),
  // the Alertmanager webhook's refusals (lib/domain/alertmanager-issues.ts formatWebhookIssue)
  "metrics.webhook.*": every<WebhookIssue["code"]>({
    notJson: true,
    required: true,
    type: true,
    value: true,
    version: true,
    timestamp: true,
    empty: true,
    startTime: true,
    nul: true,
    surrogate: true,
    tooLong: true,
    tooMany: true,
    invalid: true,
  }),

  "diagnostics.kind.*": TARGET_KINDS,
  "diagnostics.settings.kinds.*": TARGET_KINDS,
  "diagnostics.verdict.*": every<Verdict | "running" | "none">({
    ok: true,
    warning: true,
    critical: true,
    error: true,
    running: true,
    none: true,
  }),
  "diagnostics.runbook.issue.*": every<CommandIssue>({ wrong: true, dangerous: true, caution: true }),
  // components/runbooks/checklist.tsx SECTIONS ("respond" takes the runbook's own heading)
  "diagnostics.runbook.section.*": ["diagnostics", "rootCause", "permanentFixes", "recovery"],

  "postmortems.status.*": POSTMORTEM_STATUSES,
  "postmortems.incidentStatus.*": STATUSES,
  "postmortems.facts.kind.*": every<FactSourceKind>({ incident: true, timeline: true, diagnostic: true, escalation: true }),
  "postmortems.checks.databases.*": SQL_DATABASES,
  "postmortems.account.kind.*": PROBLEM_KINDS,
  "postmortems.account.product.*": every<SqlDialect>({ mysql: true, postgresql: true }),
  "postmortems.checks.kind.*": every<RecoveryCheck["kind"]>({ http: true, sql: true }),
  // components/postmortems/action-items-overview.tsx FILTERS
  "postmortems.overview.filter.*": ["open", "overdue", "all"],
  "postmortems.overview.empty.*": ["open", "overdue", "all"],
  // components/postmortems/editor-header.tsx ACTION values and its fallback "move"
  "postmortems.workflow.*": ["submit", "requestChanges", "publish", "reopen", "move"],
};
