"use client";
// One insights figure: its chart (recharts), the same numbers as a table, a CSV download, its definition and
// the incidents behind each row.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCell, toCsv, type Cell, type CellFormat } from "./format";
import { IncidentLinks } from "./incident-links";
import { Info } from "./info";

export interface PanelColumn {
  key: string;
  label: string;
  format: CellFormat;
}

export interface PanelRow {
  cells: Record<string, Cell>;
  ids?: number[];
  total?: number;
}

export interface PanelChart {
  type: "line" | "bar";
  /** the column on the x axis */
  x: string;
  /** columns drawn (numbers) */
  series: string[];
}

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed"];

export function ChartPanel({
  id,
  title,
  definition,
  columns,
  rows,
  chart,
}: {
  id: string;
  title: string;
  definition: string;
  columns: PanelColumn[];
  rows: PanelRow[];
  chart: PanelChart | null;
}) {
  const t = useTranslations("insights.panel");
  const [view, setView] = useState<"chart" | "table">(chart ? "chart" : "table");
  const units = { min: t("min"), none: "–" };
  const hasIds = rows.some((r) => r.ids && r.ids.length > 0);

  function download() {
    const csv = toCsv(
      columns.map((c) => c.label),
      rows.map((r) => columns.map((c) => r.cells[c.key] ?? null)),
    );
    const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `insights-${id}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  const data = rows.map((r) => r.cells);
  const format = (key: string) => columns.find((c) => c.key === key)?.format ?? "count";
  const labelOf = (key: string) => columns.find((c) => c.key === key)?.label ?? key;

  return (
    <section className="panel min-w-0 space-y-2 p-3" aria-labelledby={`insights-${id}`} data-testid={`insights-${id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`insights-${id}`} className="text-sm font-semibold">
          {title}
          <Info text={definition} />
        </h2>
        <div className="flex gap-1 text-xs">
          {chart && (
            <button
              type="button"
              className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-600"
              aria-pressed={view === "table"}
              onClick={() => setView(view === "chart" ? "table" : "chart")}
            >
              {view === "chart" ? t("table") : t("chart")}
            </button>
          )}
          <button type="button" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-600" onClick={download}>
            {t("csv")}
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : view === "chart" && chart ? (
        <ResponsiveContainer width="100%" height={200}>
          {chart.type === "line" ? (
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />
              <XAxis dataKey={chart.x} tick={{ fontSize: 11, fill: "currentColor" }} minTickGap={24} />
              <YAxis width={40} tick={{ fontSize: 11, fill: "currentColor" }} />
              <Tooltip formatter={(v, name) => [formatCell(v as Cell, format(String(name)), units), labelOf(String(name))]} />
              <Legend formatter={(key: string) => labelOf(key)} wrapperStyle={{ fontSize: 11 }} />
              {chart.series.map((key, i) => (
                <Line key={key} dataKey={key} stroke={COLORS[i % COLORS.length]} dot connectNulls isAnimationActive={false} />
              ))}
            </LineChart>
          ) : (
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />
              <XAxis dataKey={chart.x} tick={{ fontSize: 11, fill: "currentColor" }} minTickGap={8} />
              <YAxis width={40} tick={{ fontSize: 11, fill: "currentColor" }} allowDecimals={false} />
              <Tooltip formatter={(v, name) => [formatCell(v as Cell, format(String(name)), units), labelOf(String(name))]} />
              <Legend formatter={(key: string) => labelOf(key)} wrapperStyle={{ fontSize: 11 }} />
              {chart.series.map((key, i) => (
                <Bar key={key} dataKey={key} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="px-1.5 py-1 font-medium whitespace-nowrap">
                    {c.label}
                  </th>
                ))}
                {hasIds && <th className="px-1.5 py-1 font-medium">{t("incidents")}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
                  {columns.map((c) => (
                    <td key={c.key} className="px-1.5 py-1 whitespace-nowrap tabular-nums">
                      {formatCell(r.cells[c.key] ?? null, c.format, units)}
                    </td>
                  ))}
                  {hasIds && (
                    <td className="px-1.5 py-1">
                      <IncidentLinks ids={r.ids ?? []} total={r.total} label={t("incidents")} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
