// The panel's time ranges, shared by the page (server) and the panel (client); the server's
// lib/server/metrics/panel.ts defines each range's step.
export const RANGE_OPTIONS = ["15m", "1h", "6h", "24h"] as const;
export type RangeOption = (typeof RANGE_OPTIONS)[number];

export function isRangeOption(value: unknown): value is RangeOption {
  return typeof value === "string" && (RANGE_OPTIONS as readonly string[]).includes(value);
}
