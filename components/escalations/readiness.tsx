"use client";
// Paging readiness (banner on the escalations board, section in Settings): per severity, which channels
// will really reach a person, and which contacts lack a phone number, email address or Slack member id.
// Everything is written out (phones have no hover); "recorded in the app only" never looks like success.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { escalationKeys, fetchReadiness } from "@/lib/client/escalations";
import type { ChannelReadiness, ContactGap, PagingReadinessDto, ScheduleCoverage, SeverityReadiness } from "@/lib/server/escalations/dto";
import { COVERAGE_HORIZON_DAYS } from "@/lib/domain/oncall/coverage";
import { SeverityBadge } from "@/components/incidents/severity-badge";
import { useShiftTime } from "@/components/oncall/use-shift-time";

const SEVERITY_STYLE: Record<SeverityReadiness["state"], string> = {
  ready: "text-emerald-700 dark:text-emerald-400",
  partial: "text-amber-800 dark:text-amber-300",
  not_ready: "text-red-700 dark:text-red-400",
};
const CHANNEL_STYLE: Record<ChannelReadiness["state"], string> = {
  reaches: "border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300",
  outbox_only: "border-dashed border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-200",
  nobody: "border-red-400 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-300",
};
const GROUP_ORDER: ChannelReadiness["state"][] = ["outbox_only", "nobody", "reaches"];
const GAP_ORDER: ContactGap["missing"][] = ["contact", "phone", "email", "slack"];

/** The check as a banner (board) or a section body (Settings); `settingsLink` adds the way to fix it. */
export function PagingReadinessPanel({ variant, settingsLink = false }: { variant: "banner" | "settings"; settingsLink?: boolean }) {
  const r = useTranslations("escalations.readiness");
  const query = useQuery({ queryKey: escalationKeys.readiness, queryFn: ({ signal }) => fetchReadiness(signal), refetchInterval: 60_000 });
  if (query.isPending) return variant === "settings" ? <p className="text-sm text-slate-500">{r("loading")}</p> : null;
  if (query.isError) {
    return (
      <p role="status" className="panel p-3 text-sm text-red-700 dark:text-red-400" data-testid="readiness-error">
        {r("loadError", { message: query.error.message })}
      </p>
    );
  }
  const data = query.data;
  if (variant === "settings") return <ReadinessBody data={data} />;
  return (
    <section
      aria-label={r("title")}
      data-testid="readiness-banner"
      data-ready={data.ready}
      className={`rounded border p-3 text-sm ${data.ready ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/30" : "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/30"}`}
    >
      <div className="mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="font-semibold">{data.ready ? r("bannerReady") : `⚠ ${r("bannerNotReady")}`}</h2>
        {settingsLink && !data.ready && (
          <Link href="/settings#paging-readiness" className="text-blue-700 underline dark:text-blue-400">
            {r("fixInSettings")}
          </Link>
        )}
      </div>
      {!data.ready && <ReadinessBody data={data} />}
    </section>
  );
}

function ReadinessBody({ data }: { data: PagingReadinessDto }) {
  const t = useTranslations();
  const r = useTranslations("escalations.readiness");
  const channel = useTranslations("escalations.channel");
  const channelName = (c: ChannelReadiness) => `${channel(c.channel)}${c.target ? ` ${c.target}` : ""}`;
  const people = (gaps: ContactGap[]) => gaps.map((g) => `${t(`contacts.${g.role}`)}${g.name ? ` (${g.name})` : ""}`).join(", ");
  return (
    <div className="space-y-2">
      <ul className="space-y-1">
        {data.severities.map((s) => (
          <li
            key={s.severity}
            data-testid={`readiness-${s.severity}`}
            data-state={s.state}
            className="flex flex-wrap items-center gap-x-2 gap-y-1"
          >
            <SeverityBadge severity={s.severity} />
            <span className={`text-sm font-medium ${SEVERITY_STYLE[s.state]}`}>{r(`state.${s.state}`)}</span>
            {GROUP_ORDER.map((state) => {
              const channels = s.channels.filter((c) => c.state === state);
              if (channels.length === 0) return null;
              // One chip per state, naming its channels: a severity fits a line or two on a phone.
              return (
                <span
                  key={state}
                  data-testid={`readiness-${s.severity}-${state}`}
                  className={`rounded border px-1.5 py-0.5 text-xs ${CHANNEL_STYLE[state]}`}
                >
                  {state === "outbox_only" && <span aria-hidden>⚠ </span>}
                  {r(`group.${state}`)}{" "}
                  {channels.map((c, i) => (
                    <span key={`${c.channel}${c.target ?? ""}`} data-testid={`readiness-${s.severity}-${c.channel}`} data-state={c.state}>
                      {i > 0 && ", "}
                      <span className="font-medium">{channelName(c)}</span>
                      {state === "reaches" && c.channel !== "slack" && ` ${c.reached}/${c.reached + c.gaps.length}`}
                    </span>
                  ))}
                </span>
              );
            })}
            {s.businessHoursOnly && <span className="text-xs text-slate-500">{r("businessHoursOnly")}</span>}
            {s.uncovered.length > 0 && (
              <span
                className={`rounded border px-1.5 py-0.5 text-xs ${CHANNEL_STYLE.nobody}`}
                data-testid={`readiness-${s.severity}-uncovered`}
              >
                {r("uncovered")} {s.uncovered.map((role) => t(`contacts.${role}`)).join(", ")}
              </span>
            )}
          </li>
        ))}
      </ul>
      {data.contactGaps.length > 0 && (
        <div className="space-y-0.5 text-xs" data-testid="readiness-contact-gaps">
          {GAP_ORDER.map((missing) => {
            const gaps = data.contactGaps.filter((g) => g.missing === missing);
            return gaps.length === 0 ? null : (
              <p key={missing} data-testid={`readiness-missing-${missing}`}>
                <span className="font-medium">{r(`missing.${missing}`, { count: gaps.length })}</span> {people(gaps)}
              </p>
            );
          })}
        </div>
      )}
      <CoverageList coverage={data.coverage} />
    </div>
  );
}

/** Per schedule, the coming spans with nobody on call and who is paged in them (the directory, or nobody). */
function CoverageList({ coverage }: { coverage: ScheduleCoverage[] }) {
  const t = useTranslations();
  const r = useTranslations("escalations.readiness");
  const time = useShiftTime();
  if (coverage.length === 0) return null;
  const withGaps = coverage.filter((c) => c.gaps.length > 0);
  return (
    <div className="space-y-1 text-xs" data-testid="readiness-coverage">
      <p className="font-medium">{r("coverageTitle", { days: COVERAGE_HORIZON_DAYS })}</p>
      {withGaps.length === 0 ? (
        <p className="text-emerald-700 dark:text-emerald-400" data-testid="readiness-coverage-none">
          {r("coverageNone", { days: COVERAGE_HORIZON_DAYS })}
        </p>
      ) : (
        <ul className="space-y-1">
          {withGaps.map((c) => (
            <li
              key={c.scheduleId}
              data-testid={`readiness-coverage-${c.role}`}
              data-unreachable={c.unreachable}
              className={c.unreachable ? "text-red-700 dark:text-red-400" : "text-amber-900 dark:text-amber-200"}
            >
              {c.unreachable && <span aria-hidden>⚠ </span>}
              <span className="font-medium">{t(`contacts.${c.role}`)}</span> ({c.name}):{" "}
              {r("coverageGaps", { count: c.gaps.length, first: time(c.gaps[0].start), end: time(c.gaps[0].end) })}.{" "}
              {!c.paged
                ? r("coverageNotPaged")
                : c.fallback === null
                  ? r("coverageUnreachable")
                  : c.fallback
                    ? r("coverageFallback", { name: c.fallback })
                    : r("coverageFallbackUnnamed")}{" "}
              <Link href={`/oncall/${c.scheduleId}`} className="text-blue-700 underline dark:text-blue-400">
                {r("coverageFix")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
