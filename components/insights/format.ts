// Figures as the page, the table view and the CSV write them. Durations in minutes, as the manual counts them.
export type CellFormat = "text" | "count" | "minutes" | "percent" | "score";
export type Cell = string | number | null;

export function minutesOf(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

export function percentOf(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

export function formatCell(value: Cell, format: CellFormat, units: { min: string; none: string }): string {
  if (value === null || value === "") return units.none;
  if (typeof value === "string") return value;
  if (format === "minutes") return `${value.toLocaleString()}${units.min}`;
  if (format === "percent") return `${value}%`;
  return value.toLocaleString();
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(header: string[], rows: Cell[][]): string {
  const field = (v: Cell) => {
    const s = v === null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
