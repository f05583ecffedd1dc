// The insights page's figures as data: each panel names its messages (the group holding its title and
// definition), its chart, its table columns (also the CSV's, saved as insights-<id>.csv) and the rows it reads
// from the report. The dashboard renders this list in order; a new figure is one more entry here.
import type { InsightsReport, SeverityRow } from "@/lib/domain/insights/types";
import { findScenario } from "@/lib/domain/scenarios";
import { contactRoleName } from "@/lib/i18n/labels";
import type { Locale } from "@/lib/i18n/locales";
import type { PanelChart, PanelColumn, PanelRow } from "./chart-panel";
import type { CellFormat } from "./format";
import { minutesOf, percentOf } from "./format";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface PanelSpec {
  /** the section's id, its test id (insights-<id>) and its CSV's name (insights-<id>.csv) */
  id: string;
  /** the message group with `title` and `def` (both given {days}: the postmortem panel's window) */
  messages: string;
  /** when set, the definition is these `def.*` texts joined instead of `<messages>.def` */
  definitions?: readonly string[];
  /** across the whole page instead of in the two-column grid */
  wide?: boolean;
  chart: PanelChart | null;
  columns: (t: Translate) => PanelColumn[];
  rows: (report: InsightsReport, t: Translate, locale: Locale) => PanelRow[];
}

// i18n-translator: t = insights
const col = (key: string, label: string, format: CellFormat): PanelColumn => ({ key, label, format });
const count = (t: Translate): PanelColumn => col("count", t("headline.count"), "count");
const week = (t: Translate): PanelColumn => col("week", t("weeks.week"), "text");
/** a measure's median and p90 columns, `<key>` and `<key>P90` */
const medianAndP90 = (t: Translate, key: string, m: string): PanelColumn[] => [
  col(key, t("severity.median", { m }), "minutes"),
  col(`${key}P90`, t("severity.p90", { m }), "minutes"),
];

/** rows of a label and a count, with the incidents behind each */
function countRows<T extends { count: number; incidentIds: number[] }>(key: string, items: T[], label: (item: T, i: number) => string) {
  return items.map((item, i): PanelRow => ({
    cells: { [key]: label(item, i), count: item.count },
    ids: item.incidentIds,
    total: item.count,
  }));
}

function severityRow(r: SeverityRow, t: Translate): PanelRow {
  const measures = { mttd: r.mttd, mtta: r.mtta, mttm: r.mttm, mttr: r.mttr };
  return {
    cells: {
      severity: r.severity === "all" ? t("headline.all") : r.severity,
      count: r.count,
      ...Object.fromEntries(
        Object.entries(measures).flatMap(([k, v]) => [
          [k, minutesOf(v.medianMs)],
          [`${k}P90`, minutesOf(v.p90Ms)],
        ]),
      ),
      share: percentOf(r.target.share),
      missed: r.target.missed,
      unacked: r.unacknowledged.count,
      reopened: r.reopened.count,
    },
    ids: r.incidentIds,
    total: r.count,
  };
}

/** the figures above the panels, each with `headline.<id>` and `def.<id>` messages */
export const HEADLINE = ["count", "mtta", "mttr", "target"] as const;
export type HeadlineId = (typeof HEADLINE)[number];

export const PANELS: readonly PanelSpec[] = [
  {
    id: "severity",
    messages: "severity",
    definitions: ["mttd", "mtta", "mttm", "mttr", "target", "severity"],
    wide: true,
    chart: { type: "bar", x: "severity", series: ["mtta", "mttm", "mttr"] },
    columns: (t) => [
      col("severity", t("severity.severity"), "text"),
      count(t),
      ...["MTTD", "MTTA", "MTTM", "MTTR"].flatMap((m) => medianAndP90(t, m.toLowerCase(), m)),
      col("share", t("headline.target"), "percent"),
      col("missed", t("severity.missed"), "count"),
      col("unacked", t("severity.unacked"), "count"),
      col("reopened", t("severity.reopened"), "count"),
    ],
    rows: (report, t) => [...report.bySeverity, report.totals].map((r) => severityRow(r, t)),
  },
  {
    id: "weeks",
    messages: "weeks",
    chart: { type: "line", x: "week", series: ["mtta", "mttr"] },
    columns: (t) => [
      week(t),
      count(t),
      col("mtta", t("severity.median", { m: "MTTA" }), "minutes"),
      col("mttr", t("severity.median", { m: "MTTR" }), "minutes"),
      col("share", t("headline.target"), "percent"),
    ],
    rows: (report) =>
      report.weeks.map((w) => ({
        cells: {
          week: w.week,
          count: w.count,
          mtta: minutesOf(w.mttaMedianMs),
          mttr: minutesOf(w.mttrMedianMs),
          share: percentOf(w.targetShare),
        },
        ids: w.incidentIds,
        total: w.count,
      })),
  },
  {
    id: "distribution",
    messages: "dist",
    chart: { type: "bar", x: "bucket", series: ["count"] },
    columns: (t) => [col("bucket", t("dist.bucket"), "text"), count(t)],
    rows: (report, t) =>
      countRows("bucket", report.resolutionDistribution, (b, i) => {
        const lower = i === 0 ? 0 : (minutesOf(report.resolutionDistribution[i - 1].upToMs) ?? 0);
        return b.upToMs === null ? t("dist.over", { m: lower }) : t("dist.range", { from: lower, to: minutesOf(b.upToMs) ?? 0 });
      }),
  },
  {
    id: "escalations",
    messages: "esc",
    chart: { type: "bar", x: "level", series: ["fired", "acked"] },
    columns: (t) => [
      col("level", t("esc.level"), "text"),
      col("fired", t("esc.fired"), "count"),
      col("acked", t("esc.acked"), "count"),
      col("unacked", t("esc.unacked"), "count"),
      ...medianAndP90(t, "ack", t("esc.ackTime")),
    ],
    rows: (report, _t, locale) =>
      report.escalations.map((e) => ({
        cells: {
          level: contactRoleName(e.role)[locale],
          fired: e.fired,
          acked: e.acknowledged,
          unacked: e.unacknowledged,
          ack: minutesOf(e.ack.medianMs),
          ackP90: minutesOf(e.ack.p90Ms),
        },
        ids: e.incidentIds,
      })),
  },
  {
    id: "scenarios",
    messages: "scenarios",
    chart: { type: "bar", x: "scenario", series: ["count"] },
    columns: (t) => [col("scenario", t("scenarios.scenario"), "text"), count(t)],
    rows: (report, t, locale) =>
      countRows("scenario", report.scenarios, (s) =>
        s.key === "none" ? t("scenarios.none") : (findScenario(s.key)?.title[locale] ?? s.key),
      ),
  },
  {
    id: "rules",
    messages: "rules",
    chart: { type: "bar", x: "rule", series: ["count"] },
    columns: (t) => [col("rule", t("rules.rule"), "text"), count(t)],
    rows: (report) => countRows("rule", report.alertRules, (r) => r.key),
  },
  {
    id: "postmortems",
    messages: "pm",
    chart: null,
    columns: (t) => [col("what", t("pm.what"), "text"), count(t)],
    rows: ({ postmortems: pm }, t) => {
      const days = pm.withinDays;
      return [
        { cells: { what: t("pm.resolved"), count: pm.resolved } },
        { cells: { what: t("pm.written"), count: pm.written } },
        { cells: { what: t("pm.writtenWithin", { days }), count: pm.writtenWithin } },
        { cells: { what: t("pm.published"), count: pm.published } },
        { cells: { what: t("pm.publishedWithin", { days }), count: pm.publishedWithin } },
        { cells: { what: t("pm.late"), count: pm.resolved - pm.writtenWithin }, ids: pm.lateIds },
      ];
    },
  },
  {
    id: "action-items",
    messages: "items",
    chart: { type: "bar", x: "week", series: ["open", "overdue", "closed"] },
    columns: (t) => [
      week(t),
      col("open", t("items.open"), "count"),
      col("overdue", t("items.overdue"), "count"),
      col("closed", t("items.closed"), "count"),
    ],
    rows: (report) => report.actionItems.map((w) => ({ cells: { week: w.week, open: w.open, overdue: w.overdue, closed: w.closed } })),
  },
  {
    id: "drills",
    messages: "drills",
    chart: { type: "line", x: "week", series: ["score"] },
    columns: (t) => [week(t), col("drills", t("drills.count"), "count"), col("score", t("drills.score"), "score")],
    rows: (report) => report.drills.map((w) => ({ cells: { week: w.week, drills: w.drills, score: w.averageScore }, ids: w.incidentIds })),
  },
];
