// One problem, one incident: which alerts belong together, what their incident is called and what a
// change of the group looks like on the timeline. Pure.
//
// Correlation key: the alertname. The app's own rule of the same name (HighErrorRate from the engine
// and HighErrorRate exported to Prometheus and sent back by Alertmanager) has the same key, so both
// join one incident; every instance of a 50-node group too. A label `correlation_key` overrides it for
// teams that want a different cut (e.g. per cluster).

export type LabelSet = Record<string, string>;

/** The label Alertmanager users may set to choose the incident an alert joins. */
export const CORRELATION_LABEL = "correlation_key";

export function correlationKeyOf(labels: LabelSet, fingerprint: string): string {
  const explicit = labels[CORRELATION_LABEL]?.trim();
  if (explicit) return explicit.slice(0, 200);
  const name = labels.alertname?.trim();
  return name ? name.slice(0, 200) : `fingerprint:${fingerprint}`;
}

/** The labels (or annotations) every set has with the same value. */
export function commonOf(sets: readonly LabelSet[]): LabelSet {
  if (sets.length === 0) return {};
  const out: LabelSet = { ...sets[0] };
  for (let i = 1; i < sets.length; i++) {
    for (const k of Object.keys(out)) if (sets[i][k] !== out[k]) delete out[k];
  }
  return out;
}

const INSTANCE_LABELS = ["instance", "pod", "node", "host", "hostname", "service", "job"] as const;

/**
 * How one alert of a group is named on the timeline: its instance-like label, else the labels that
 * differ from the group's common ones, else its fingerprint.
 */
export function instanceName(labels: LabelSet, common: LabelSet, fingerprint: string): string {
  for (const k of INSTANCE_LABELS) if (labels[k] && common[k] !== labels[k]) return labels[k];
  const differing = Object.keys(labels)
    .filter((k) => common[k] !== labels[k])
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  if (differing.length) return differing.join(",");
  for (const k of INSTANCE_LABELS) if (labels[k]) return labels[k];
  return fingerprint.slice(0, 16);
}

/** "HighErrorRate: HighErrorRate: 30 %" → "30 %": a summary that repeats the alert's name drops it. */
export function stripName(summary: string, name: string): string {
  let s = summary.trim();
  if (!name) return s;
  for (;;) {
    const lower = s.toLowerCase();
    const n = name.toLowerCase();
    if (lower.startsWith(`[${n}]`)) s = s.slice(n.length + 2).trimStart();
    else if (lower.startsWith(n) && /^[\s:—–\-|]/.test(s.slice(n.length))) s = s.slice(n.length).replace(/^[\s:—–\-|]+/, "");
    else return s;
  }
}

const summaryOf = (annotations: LabelSet): string | null => annotations.summary ?? annotations.description ?? null;

/** Labels that say nothing about *which* problem it is (they are in the severity badge already). */
const TITLE_SKIP = new Set(["alertname", "severity", CORRELATION_LABEL]);

export interface GroupMember {
  fingerprint: string;
  labels: LabelSet;
  annotations: LabelSet;
}

/**
 * An incident title for a group of alerts: the name and the summary they share ("HikariPoolExhausted:
 * pool at 100 %"); without a shared summary the name, how many, and the labels they share
 * ("NodeDown ×50 (job=node, cluster=prod)") — never the first alert's text about one node.
 */
export function groupTitle(name: string, members: readonly GroupMember[], maxLength = 200): string {
  const n = members.length;
  const commonAnn = commonOf(members.map((m) => m.annotations));
  const shared = summaryOf(commonAnn) ?? (n === 1 ? summaryOf(members[0].annotations) : null);
  const label = name || "Alert";
  let title: string;
  if (shared && stripName(shared, name)) {
    title = `${label}${n > 1 ? ` ×${n}` : ""}: ${stripName(shared, name)}`;
  } else {
    const common = commonOf(members.map((m) => m.labels));
    const parts = Object.keys(common)
      .filter((k) => !TITLE_SKIP.has(k) && !k.startsWith("__"))
      .sort()
      .map((k) => `${k}=${common[k]}`);
    title = `${label}${n > 1 ? ` ×${n}` : ""}${parts.length ? ` (${parts.join(", ")})` : ""}`;
  }
  return title.length > maxLength ? `${title.slice(0, maxLength - 1)}…` : title;
}

export interface GroupChange {
  /** alerts that started firing (new episodes) */
  fired: GroupMember[];
  /** alerts that resolved */
  resolved: GroupMember[];
  /** every member of the group firing after the change */
  firingNow: number;
}

export interface GroupChangeFacts {
  fired: number;
  resolved: number;
  firingNow: number;
  firedInstances: string[];
  resolvedInstances: string[];
  /** instances left out of the lists (bounded to keep one row readable) */
  moreFired: number;
  moreResolved: number;
}

// One collator for every sort: localeCompare with options builds a new one per comparison, which made
// naming a 5,000-alert group take about a second.
const BY_NUMBERS = new Intl.Collator("en", { numeric: true });

/** The facts of one row on the incident's timeline for a change of the group, instances bounded. */
export function groupChangeFacts(change: GroupChange, maxInstances = 10): GroupChangeFacts {
  const all = [...change.fired, ...change.resolved];
  const common = all.length > 1 ? commonOf(all.map((m) => m.labels)) : {};
  const names = (ms: GroupMember[]) => ms.map((m) => instanceName(m.labels, common, m.fingerprint)).sort(BY_NUMBERS.compare);
  const fired = names(change.fired);
  const resolved = names(change.resolved);
  return {
    fired: fired.length,
    resolved: resolved.length,
    firingNow: change.firingNow,
    firedInstances: fired.slice(0, maxInstances),
    resolvedInstances: resolved.slice(0, maxInstances),
    moreFired: Math.max(0, fired.length - maxInstances),
    moreResolved: Math.max(0, resolved.length - maxInstances),
  };
}
