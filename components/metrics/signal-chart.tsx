"use client";
// One signal over time with its rule thresholds drawn (recharts). The time axis is the server's
// window; the pending and firing spans of the rule are shaded so "how long" is visible at a glance.
import { memo } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatSignalValue } from "@/lib/domain/alert-rules";
import type { SignalSeriesDto } from "./api";
import { formatClock } from "./format";

export const STATE_COLOR = { inactive: "#2563eb", pending: "#d97706", firing: "#dc2626" } as const;
const SERIES_COLORS = ["#2563eb", "#0891b2", "#7c3aed", "#16a34a", "#db2777"];

export interface ChartWindow {
  start: number;
  end: number;
}

export interface Shade {
  from: number;
  state: "pending" | "firing";
}

type Row = { t: number; [series: string]: number | null };

/** Series of one signal as rows keyed by time (series may have different timestamps). */
export function toRows(signal: SignalSeriesDto): Row[] {
  const byT = new Map<number, Row>();
  signal.series.slice(0, SERIES_COLORS.length).forEach((s, i) => {
    for (const [t, v] of s.points) {
      let row = byT.get(t);
      if (!row) {
        row = { t };
        byT.set(t, row);
      }
      row[`s${i}`] = v;
    }
  });
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

function SignalChartView({
  signal,
  window,
  locale,
  height = 170,
  shades = [],
  compact = false,
  current = null,
}: {
  signal: SignalSeriesDto;
  window: ChartWindow;
  locale: "ko" | "en";
  height?: number;
  shades?: Shade[];
  compact?: boolean;
  /** the value the card shows (the engine's): drawn at the window's end so the line and the number agree */
  current?: number | null;
}) {
  const rows = toRows(signal);
  const fmt = (v: number) => formatSignalValue(v, signal.unit);
  const lines = signal.series.slice(0, SERIES_COLORS.length);
  return (
    <ResponsiveContainer width="100%" height={height}>
      {/* The chart is a picture of the numbers beside it: no keyboard stops of its own (accessibilityLayer). */}
      <LineChart
        accessibilityLayer={false}
        data={rows}
        margin={compact ? { top: 4, right: 2, bottom: 2, left: 2 } : { top: 8, right: 12, bottom: 0, left: 0 }}
      >
        {!compact && <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />}
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[window.start, window.end]}
          hide={compact}
          tickFormatter={(t: number) => formatClock(t, locale)}
          tick={{ fontSize: 11, fill: "currentColor" }}
          stroke="currentColor"
          strokeOpacity={0.3}
          minTickGap={40}
        />
        <YAxis
          hide={compact}
          width={58}
          tickFormatter={fmt}
          tick={{ fontSize: 11, fill: "currentColor" }}
          stroke="currentColor"
          strokeOpacity={0.3}
          domain={signal.unit === "percent" ? [0, 100] : ["auto", "auto"]}
        />
        {!compact && (
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => formatClock(Number(t), locale, true)}
            formatter={(v) => (typeof v === "number" ? fmt(v) : String(v))}
            contentStyle={{ fontSize: 12 }}
          />
        )}
        {shades.map((s) => (
          <ReferenceArea
            key={`${s.state}-${s.from}`}
            x1={Math.max(s.from, window.start)}
            x2={window.end}
            fill={STATE_COLOR[s.state]}
            fillOpacity={0.08}
            ifOverflow="hidden"
          />
        ))}
        {signal.rules.map((r) => (
          <ReferenceLine
            key={r.name}
            y={r.threshold}
            stroke="#dc2626"
            strokeDasharray="5 4"
            ifOverflow="extendDomain"
            label={
              compact
                ? undefined
                : { value: `${r.name} ${r.comparator} ${fmt(r.threshold)}`, position: "insideTopRight", fontSize: 10, fill: "#dc2626" }
            }
          />
        ))}
        {lines.map((s, i) => (
          <Line
            key={i}
            type="monotone"
            dataKey={`s${i}`}
            name={
              Object.entries(s.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ") || signal.label[locale]
            }
            stroke={SERIES_COLORS[i]}
            strokeWidth={1.6}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        {current !== null && Number.isFinite(current) && (
          <ReferenceDot
            x={window.end}
            y={current}
            r={4}
            className="current-value-dot"
            fill={shades.some((s) => s.state === "firing") ? STATE_COLOR.firing : SERIES_COLORS[0]}
            stroke="white"
            ifOverflow="extendDomain"
            label={compact ? undefined : { value: fmt(current), position: "left", fontSize: 11, fill: "currentColor" }}
          />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}

// The panel re-renders every second (durations tick); a chart only when its data or window changes.
export const SignalChart = memo(
  SignalChartView,
  (a, b) =>
    a.signal === b.signal &&
    a.window.start === b.window.start &&
    a.window.end === b.window.end &&
    a.locale === b.locale &&
    a.height === b.height &&
    a.compact === b.compact &&
    a.current === b.current &&
    JSON.stringify(a.shades) === JSON.stringify(b.shades),
);
