"use client";
// One signal on the panel: name, the value now, the rule's condition and state with how long, and the
// chart with the threshold. Anchored (#signal-<id>) so an incident's timeline can link to it.
import { useTranslations } from "next-intl";
import { formatSignalValue } from "@/lib/domain/alert-rules";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import type { RuleStateDto, SignalSeriesDto } from "./api";
import { RuleStateChip } from "./rule-state";
import { SignalChart, STATE_COLOR, type ChartWindow, type Shade } from "./signal-chart";
import { formatDuration } from "./format";

export function shadesOf(rule: RuleStateDto | undefined): Shade[] {
  const c = rule?.current;
  if (!c || rule.state === "inactive") return [];
  const shades: Shade[] = [];
  if (c.activeAt) shades.push({ from: Date.parse(c.activeAt), state: "pending" });
  if (c.firedAt) shades.push({ from: Date.parse(c.firedAt), state: "firing" });
  return shades;
}

export function ConditionText({ rule, locale }: { rule: RuleStateDto; locale: "ko" | "en" }) {
  const t = useTranslations("metrics");
  const action = rule.team ? t("action.notify", { team: t(`team.${rule.team}`) }) : t("action.severity", { severity: rule.severity });
  return (
    <>
      {t("condition", {
        rule: rule.name,
        comparator: rule.comparator,
        threshold: formatSignalValue(rule.threshold, rule.unit),
        duration: formatDuration(rule.forMs, locale),
        action,
      })}
    </>
  );
}

export function SignalCard({
  signal,
  rule,
  window,
  now,
  locale,
  focused,
}: {
  signal: SignalSeriesDto;
  rule: RuleStateDto | undefined;
  window: ChartWindow;
  now: number;
  locale: "ko" | "en";
  focused: boolean;
}) {
  const t = useTranslations("metrics");
  const state = rule?.state ?? "inactive";
  // The engine's value is the one the rule decided on; the chart's last point may be a little older.
  const value = rule?.current?.value ?? signal.current;
  return (
    <section
      id={`signal-${signal.id}`}
      data-testid={`signal-${signal.id}`}
      data-state={state}
      className={`panel scroll-mt-4 p-3 ${focused ? "ring-2 ring-blue-500" : ""} ${state === "firing" ? "border-red-400 dark:border-red-700" : ""}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold">{signal.label[locale]}</h3>
          {rule && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              <SeverityBadge severity={rule.severity} /> <ConditionText rule={rule} locale={locale} />
            </p>
          )}
        </div>
        <div className="text-right">
          <p
            className="text-xl font-semibold tabular-nums"
            style={{ color: state === "inactive" ? undefined : STATE_COLOR[state] }}
            data-testid={`signal-value-${signal.id}`}
          >
            {value === null || value === undefined ? t("noData") : formatSignalValue(value, signal.unit)}
          </p>
          {rule && <RuleStateChip rule={rule} now={now} locale={locale} />}
        </div>
      </header>
      {rule?.health === "err" && rule.lastError && (
        <p className="mt-1 text-xs text-red-600 dark:text-red-400" role="alert">
          {t("ruleError", { message: rule.lastError })}
        </p>
      )}
      <div className="mt-2 text-slate-600 dark:text-slate-300">
        {signal.error ? (
          <p
            className="flex h-[170px] items-center justify-center rounded bg-slate-50 p-3 text-center text-sm text-red-600 dark:bg-slate-800/50 dark:text-red-400"
            role="alert"
          >
            {signal.error}
          </p>
        ) : (
          <SignalChart signal={signal} window={window} locale={locale} shades={shadesOf(rule)} current={value ?? null} />
        )}
      </div>
    </section>
  );
}
