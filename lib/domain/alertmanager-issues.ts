// Problems with an Alertmanager webhook payload: structured (path, alert index, code), found for the
// whole payload before anything is stored, then rendered in the reader's language with the catalogue's
// metrics.webhook templates. Pure.
import type { z } from "zod";
import { GO_ZERO_TIME, type AlertmanagerPayload, type Envelope, type ParsedAlert } from "./alertmanager-schema";
import enMetrics from "@/lib/i18n/messages/en.metrics.json";

/** English texts of webhook problems (the exception's message and logs); the route answers in the request's language. */
export const EN_TEMPLATES = enMetrics.webhook;

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === "object") return "an object";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what JSON has left: a number or a boolean
  return String(input);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p))) out += `${out ? "." : ""}${String(p)}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || "(body)";
}

/** Bounds of what one webhook may carry (Alertmanager's own fingerprints are 16 hex digits). */
export const WEBHOOK_LIMITS = {
  alerts: 10_000,
  fingerprint: 128,
  labels: 64,
  labelName: 256,
  labelValue: 2_048,
  annotations: 64,
  annotationValue: 16_384,
  url: 4_096,
  groupKey: 16_384,
  receiver: 256,
} as const;

export type WebhookIssue = { path: string; alert?: number } & (
  | { code: "notJson"; detail: string }
  | { code: "required" }
  | { code: "type"; expected: string; got: string }
  | { code: "value"; expected: string; got: string }
  | { code: "version"; expected: string; got: string }
  | { code: "timestamp" }
  | { code: "empty" }
  | { code: "startTime"; got: string }
  | { code: "nul"; at: number }
  | { code: "surrogate"; at: number }
  | { code: "tooLong"; length: number; limit: number }
  | { code: "tooMany"; count: number; limit: number }
  | { code: "invalid" }
);

export type WebhookLocale = "ko" | "en";
type Templates = Record<WebhookIssue["code"] | "rejected" | "more", string>;

// The templates are the catalogue's metrics.webhook messages, read through this one lookup so that the
// catalogue test (tests/unit/i18n) sees which keys the webhook uses.
// i18n-translator: template = metrics.webhook
function template(key: keyof Templates, templates: Templates): string {
  return templates[key];
}

/** Render one problem with the catalogue's templates (`{name}` placeholders). */
export function formatWebhookIssue(issue: WebhookIssue, templates: Templates): string {
  const values: Record<string, string | number> = { ...issue };
  return template(issue.code, templates).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

/** "Alertmanager payload rejected: a; b; and 3 more problems" in the catalogue's language. */
export function formatWebhookRejection(issues: readonly WebhookIssue[], templates: Templates, shown = 5): string {
  const parts = issues.slice(0, shown).map((i) => formatWebhookIssue(i, templates));
  if (issues.length > shown) parts.push(template("more", templates).replace("{count}", String(issues.length - shown)));
  return template("rejected", templates).replace("{issues}", parts.join("; "));
}

const alertIndexOf = (path: readonly PropertyKey[]) => (path[0] === "alerts" && typeof path[1] === "number" ? path[1] : undefined);

export function zodIssue(issue: z.core.$ZodIssue): WebhookIssue {
  const path = formatPath(issue.path);
  const alert = alertIndexOf(issue.path);
  const base = alert === undefined ? { path } : { path, alert };
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return { ...base, code: "required" };
  if (issue.code === "invalid_value") {
    const expected = issue.values.map((v) => JSON.stringify(v)).join(" or ");
    const version = issue.path.length === 1 && issue.path[0] === "version";
    return { ...base, code: version ? "version" : "value", expected, got: describeInput(input) };
  }
  if (issue.code === "invalid_type") return { ...base, code: "type", expected: issue.expected, got: describeInput(input) };
  if (issue.code === "too_small" && issue.path.at(-1) === "fingerprint") return { ...base, code: "empty" };
  if (issue.code === "invalid_format") return { ...base, code: "timestamp" };
  return { ...base, code: "invalid" };
}

// A lone surrogate is a code unit of U+D800–U+DFFF not part of a pair; with the `u` flag a pair is one
// code point, so \p{Cs} matches only the lone ones. PostgreSQL (text and jsonb) refuses both.
const LONE_SURROGATE = /\p{Cs}/u;

/** The first character a database cannot store: NUL or a lone surrogate (with its 1-based position). */
function badCharacter(s: string): { code: "nul" | "surrogate"; at: number } | null {
  const nul = s.indexOf("\u0000");
  const sur = LONE_SURROGATE.exec(s);
  if (nul < 0 && !sur) return null;
  if (sur && (nul < 0 || sur.index < nul)) return { code: "surrogate", at: sur.index + 1 };
  return { code: "nul", at: nul + 1 };
}

export class IssueCollector {
  readonly issues: WebhookIssue[] = [];
  constructor(private readonly max = 50) {}
  get full() {
    return this.issues.length >= this.max;
  }
  add(issue: WebhookIssue) {
    if (!this.full) this.issues.push(issue);
  }
  text(path: string, value: string, limit: number, alert?: number) {
    const where = alert === undefined ? { path } : { path, alert };
    const bad = badCharacter(value);
    if (bad) this.add({ ...where, ...bad });
    else if (value.length > limit) this.add({ ...where, code: "tooLong", length: value.length, limit });
  }
  map(path: string, map: Record<string, string>, maxEntries: number, maxName: number, maxValue: number, alert?: number) {
    const keys = Object.keys(map);
    if (keys.length > maxEntries)
      this.add({ ...(alert === undefined ? { path } : { path, alert }), code: "tooMany", count: keys.length, limit: maxEntries });
    for (const k of keys) {
      const at = formatPath([k]);
      const child = `${path}${at.startsWith("[") ? "" : "."}${at}`;
      const badKey = badCharacter(k);
      if (badKey) this.add({ ...(alert === undefined ? { path: `${path} (name)` } : { path: `${path} (name)`, alert }), ...badKey });
      else if (k.length > maxName)
        this.add({ ...(alert === undefined ? { path } : { path, alert }), code: "tooLong", length: k.length, limit: maxName });
      this.text(child, map[k], maxValue, alert);
      if (this.full) return;
    }
  }
}

/**
 * What the database could not store or the app must not keep: NUL characters and lone surrogates in
 * any string (PostgreSQL refuses them; SQLite would keep them and show garbage), and sizes beyond
 * WEBHOOK_LIMITS. Checked for the whole payload before anything is written.
 */
export function payloadContentIssues(p: AlertmanagerPayload): WebhookIssue[] {
  const c = new IssueCollector();
  envelopeContent(c, p, p.alerts.length);
  for (let i = 0; i < p.alerts.length && !c.full; i++) alertContent(c, p.alerts[i], i);
  return c.issues;
}

export function envelopeContent(c: IssueCollector, p: Envelope, alerts: number) {
  const L = WEBHOOK_LIMITS;
  if (alerts > L.alerts) c.add({ path: "alerts", code: "tooMany", count: alerts, limit: L.alerts });
  c.text("receiver", p.receiver, L.receiver);
  c.text("groupKey", p.groupKey, L.groupKey);
  c.text("externalURL", p.externalURL, L.url);
  c.map("groupLabels", p.groupLabels, L.labels, L.labelName, L.labelValue);
  c.map("commonLabels", p.commonLabels, L.labels, L.labelName, L.labelValue);
  c.map("commonAnnotations", p.commonAnnotations, L.annotations, L.labelName, L.annotationValue);
}

export function alertContent(c: IssueCollector, a: ParsedAlert, i: number) {
  const L = WEBHOOK_LIMITS;
  c.text(`alerts[${i}].fingerprint`, a.fingerprint, L.fingerprint, i);
  c.map(`alerts[${i}].labels`, a.labels, L.labels, L.labelName, L.labelValue, i);
  c.map(`alerts[${i}].annotations`, a.annotations, L.annotations, L.labelName, L.annotationValue, i);
  if (a.generatorURL !== undefined) c.text(`alerts[${i}].generatorURL`, a.generatorURL, L.url, i);
  if (Number.isNaN(Date.parse(a.startsAt)) || GO_ZERO_TIME.test(a.startsAt))
    c.add({ path: `alerts[${i}].startsAt`, alert: i, code: "startTime", got: JSON.stringify(a.startsAt) });
}

/** The first five problems in English, and "and N more" (the exception's message, logs). */
export function englishIssues(problems: readonly WebhookIssue[]): string[] {
  const issues = problems.slice(0, 5).map((i) => formatWebhookIssue(i, EN_TEMPLATES));
  if (problems.length > 5) issues.push(template("more", EN_TEMPLATES).replace("{count}", String(problems.length - 5)));
  return issues;
}
