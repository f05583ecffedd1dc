// The text of the incident's own timeline changes (declared, status, severity, commander, reopen) in the
// reader's language, built from the event's data. Events store an English message; the incident room
// and the postmortem's timeline excerpt both read these changes through this one function.
import { isStatus } from "./status";
import { formatSignalValue, SIGNALS, type SignalId } from "./alert-rules";

/** A translator over the app's messages (next-intl's `t`, narrowed to what this function needs). */
export type TimelineTranslate = (key: string, values?: Record<string, string>) => string;

export interface TimelineEventLike {
  kind: string;
  data: unknown;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

// i18n-translator: t   (the parameter of incidentChangeText: a translator over the root namespace)
/**
 * The localized text of one of the incident's own changes, or null when the event is something else
 * (a note, another feature's entry) or its data does not say enough (an older row): then show the
 * recorded message as written.
 */
export function incidentChangeText(event: TimelineEventLike, t: TimelineTranslate): string | null {
  const data = (typeof event.data === "object" && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const status = (s: unknown) => (isStatus(s) ? t(`status.${s}`) : str(s));
  const reason = str(data.reason) ? ` · ${t("timeline.reason", { reason: str(data.reason) })}` : "";
  switch (event.kind) {
    case "declared":
      return str(data.title) ? t("timeline.declared", { severity: str(data.severity), title: str(data.title) }) : null;
    case "status":
      return t("timeline.status", { from: status(data.from), to: status(data.to) }) + reason;
    case "resolved":
      return t("timeline.resolved", { from: status(data.from) }) + reason;
    case "reopened":
      return t("timeline.reopened") + reason;
    case "severity":
      return t("timeline.severity", { from: str(data.from), to: str(data.to) }) + reason;
    case "commander":
      if (!data.to) return t("timeline.commanderNone");
      return str(data.name) ? t("timeline.commander", { name: str(data.name) }) : null;
  }
  return null;
}

/** Formats an instant for a timeline row: the reader's clock with the zone shown ("14:03:12 GMT+9"). */
export type TimelineTime = (iso: string) => string;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

// i18n-translator: t   (the parameter of systemEventText: a translator over the root namespace)
/**
 * The alert engine's, Alertmanager's and the recovery verification's rows in the reader's language and
 * clock, built from the row's data; null when the data does not say enough (a grouped Alertmanager change,
 * an older row): then the recorded text is shown.
 */
export function systemEventText(event: TimelineEventLike, t: TimelineTranslate, time: TimelineTime, locale: "ko" | "en"): string | null {
  const data = (typeof event.data === "object" && event.data !== null ? event.data : {}) as Record<string, unknown>;
  if (event.kind === "recovery") {
    const passed = num(data.passed);
    const total = num(data.total);
    if (passed === null || total === null) return null;
    const results = Array.isArray(data.results) ? (data.results as { checkId?: unknown; ok?: unknown }[]) : [];
    const failed = results.filter((r) => r.ok === false).map((r) => str(r.checkId));
    return failed.length === 0
      ? t("timeline.recoveryPassed", { passed: String(passed), total: String(total) })
      : t("timeline.recoveryFailed", { passed: String(passed), total: String(total), names: failed.join(", ") });
  }
  if (event.kind !== "alert" && event.kind !== "alert-resolved" && event.kind !== "alert-nodata") return null;
  if (data.source === "rule-engine") {
    const signal = SIGNALS[str(data.signal) as SignalId];
    const threshold = num(data.threshold);
    const forMs = num(data.forMs);
    if (!signal || threshold === null || forMs === null) return null;
    const value = num(data.value);
    const label = signal.label[locale];
    const duration =
      forMs % 60_000 === 0
        ? t("timeline.alert.minutes", { n: String(forMs / 60_000) })
        : t("timeline.alert.seconds", { n: String(Math.round(forMs / 1000)) });
    const condition = t("timeline.alert.condition", {
      signal: label,
      comparator: str(data.comparator),
      threshold: formatSignalValue(threshold, signal.unit),
      duration,
    });
    const shown = value === null ? "—" : formatSignalValue(value, signal.unit);
    const rule = str(data.rule);
    if (event.kind === "alert-resolved")
      return t("timeline.alert.ruleResolved", { rule, condition, at: time(str(data.resolvedAt)), value: shown });
    if (event.kind === "alert-nodata") return t("timeline.alert.ruleNoData", { rule, at: time(str(data.noDataAt)), value: shown });
    if (data.joined === true) return t("timeline.alert.ruleJoined", { rule, signal: label, value: shown, condition });
    return t(data.again === true ? "timeline.alert.ruleFiredAgain" : "timeline.alert.ruleFired", {
      rule,
      signal: label,
      value: shown,
      condition,
      activeAt: time(str(data.activeAt)),
      firedAt: time(str(data.firedAt)),
    });
  }
  if (data.source === "alertmanager" && str(data.fingerprint)) {
    const name = str(data.alertname);
    const summary = str(data.summary) ? `: ${str(data.summary)}` : "";
    if (event.kind === "alert-resolved")
      return t("timeline.alert.externalResolved", { name, at: str(data.endsAt) ? time(str(data.endsAt)) : "—" });
    const how = data.again === true ? "again" : data.joined === true ? "joined" : "opened";
    return t(`timeline.alert.external.${how}`, { name, summary, at: time(str(data.startsAt)) });
  }
  return null;
}
