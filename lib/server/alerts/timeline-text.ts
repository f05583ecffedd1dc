// What the alert engine and the Alertmanager receiver write on an incident's timeline. The timeline
// shows a feature's entry as recorded, so the text is in the shop's default language (Korean, like the
// manual); `data` keeps every fact in structured form (rule, value, threshold, times, chart link).
import { formatSignalValue, SIGNALS, type AlertRule } from "@/lib/domain/alert-rules";
import type { GroupChangeFacts } from "@/lib/domain/alert-groups";

const TIME = new Intl.DateTimeFormat("ko-KR", {
  timeZone: "Asia/Seoul",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export function seoulTime(at: Date | number): string {
  return TIME.format(typeof at === "number" ? new Date(at) : at);
}

/** The panel's chart of the rule's signal around the time the alert fired. */
export function chartPath(rule: Pick<AlertRule, "signal" | "name">, at?: Date | number): string {
  const params = new URLSearchParams({ signal: rule.signal, range: "1h", rule: rule.name });
  if (at !== undefined) params.set("at", new Date(at).toISOString());
  return `/metrics?${params.toString()}#signal-${rule.signal}`;
}

function forText(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}분` : `${Math.round(ms / 1000)}초`;
}

export function conditionText(rule: AlertRule): string {
  return `${SIGNALS[rule.signal].label.ko} ${rule.comparator} ${formatSignalValue(rule.threshold, rule.unit)}, ${forText(rule.forMs)} 지속`;
}

export interface RuleAlertFacts {
  rule: AlertRule;
  value: number;
  activeAt: number;
  firedAt: number;
}

export function ruleTimelineData(f: RuleAlertFacts, extra: Record<string, unknown> = {}) {
  return {
    source: "rule-engine",
    rule: f.rule.name,
    signal: f.rule.signal,
    value: Number.isFinite(f.value) ? f.value : null,
    comparator: f.rule.comparator,
    threshold: f.rule.threshold,
    forMs: f.rule.forMs,
    activeAt: new Date(f.activeAt).toISOString(),
    firedAt: new Date(f.firedAt).toISOString(),
    chart: chartPath(f.rule, f.firedAt),
    ...extra,
  };
}

export function ruleFiringText(f: RuleAlertFacts, again = false): string {
  const value = formatSignalValue(f.value, f.rule.unit);
  return (
    `알람 ${f.rule.name} ${again ? "다시 " : ""}발생: ${SIGNALS[f.rule.signal].label.ko} ${value} ` +
    `(조건 ${conditionText(f.rule)}) · 조건 충족 ${seoulTime(f.activeAt)}, 발생 ${seoulTime(f.firedAt)} · 차트 ${chartPath(f.rule, f.firedAt)}`
  );
}

export function ruleResolvedText(rule: AlertRule, at: number, lastValue: number): string {
  return (
    `알람 ${rule.name} 해소: 조건(${conditionText(rule)})이 ${seoulTime(at)}에 더 이상 충족되지 않음 ` +
    `(마지막 발생 값 ${formatSignalValue(lastValue, rule.unit)}) · 차트 ${chartPath(rule, at)}`
  );
}

/** The rule's source answered with no data while it fired: not a recovery, the alert stays firing. */
export function ruleNoDataText(rule: AlertRule, at: number, lastValue: number): string {
  const last = Number.isFinite(lastValue) ? ` (마지막 값 ${formatSignalValue(lastValue, rule.unit)})` : "";
  return (
    `알람 ${rule.name}: ${seoulTime(at)}부터 데이터 없음 — 해소 아님, 발생 상태 유지${last}. ` +
    `지표 수집(Prometheus, exporter)을 확인하세요 · 차트 ${chartPath(rule, at)}`
  );
}

export interface ExternalAlertFacts {
  name: string;
  fingerprint: string;
  summary: string | null;
  startsAt: Date;
  endsAt: Date | null;
  generatorURL: string | null;
}

export function externalTimelineData(f: ExternalAlertFacts, extra: Record<string, unknown> = {}) {
  return {
    source: "alertmanager",
    alertname: f.name,
    fingerprint: f.fingerprint,
    summary: f.summary,
    startsAt: f.startsAt.toISOString(),
    endsAt: f.endsAt?.toISOString() ?? null,
    generatorURL: f.generatorURL,
    ...extra,
  };
}

export function externalFiringText(f: ExternalAlertFacts, how: "opened" | "again" | "joined"): string {
  const verb = how === "again" ? "다시 발생" : how === "joined" ? "같은 그룹에서 발생" : "발생";
  const summary = f.summary ? `: ${f.summary}` : "";
  const link = f.generatorURL ? ` · Prometheus ${f.generatorURL}` : "";
  return `Alertmanager 알람 ${f.name} ${verb}${summary} (발생 ${seoulTime(f.startsAt)}, fingerprint ${f.fingerprint})${link}`;
}

export function externalResolvedText(f: ExternalAlertFacts): string {
  const at = f.endsAt ? seoulTime(f.endsAt) : "시각 미상";
  return `Alertmanager 알람 ${f.name} 해소 (${at}, fingerprint ${f.fingerprint})`;
}

/** The app's rule of this name fired too: it joins the incident the key already has. */
export function ruleJoinedText(rule: AlertRule, value: number): string {
  const current = Number.isFinite(value) ? ` ${SIGNALS[rule.signal].label.ko} ${formatSignalValue(value, rule.unit)}` : "";
  return `앱 규칙 ${rule.name}도 발생:${current} (조건 ${conditionText(rule)}) · 같은 문제로 이 인시던트에 합류 · 차트 ${chartPath(rule)}`;
}

function instanceList(names: readonly string[], more: number): string {
  return `${names.join(", ")}${more > 0 ? ` 외 ${more}건` : ""}`;
}

/**
 * One row for one change of an Alertmanager group: how many fired and resolved, which instances (a
 * bounded list with "외 N건"), and how many of the group fire now.
 */
export function externalGroupText(name: string, f: GroupChangeFacts, how: "opened" | "changed" | "joined"): string {
  const parts: string[] = [];
  if (f.fired > 0)
    parts.push(
      `${how === "opened" ? "발생" : how === "joined" ? "합류" : "새로 발생"} ${f.fired}건(${instanceList(f.firedInstances, f.moreFired)})`,
    );
  if (f.resolved > 0) parts.push(`해소 ${f.resolved}건(${instanceList(f.resolvedInstances, f.moreResolved)})`);
  return `Alertmanager 알람 ${name}: ${parts.join(", ")} · 현재 발생 중 ${f.firingNow}건`;
}
