// On-call lookup benchmark: `npx tsx bench/oncall.mts`.
// "Who is on call" for 200 schedules with 3 layers (weekly, daily with weekday restrictions, 12-hour) and 500
// overrides each, asked at 1,000 random instants over two years — per lookup, median and p99 — plus the two-week
// final rota the editor draws. Then the same lookups with one deactivated member in each layer (the availability
// predicate: the next member covers, their overrides are ignored).
import { performance } from "node:perf_hooks";
import { onCallAt, shiftsBetween, type Layer, type Override, type Rota } from "@/lib/domain/oncall/rota";
import { parseLocalDate } from "@/lib/domain/oncall/wall-clock";

const SCHEDULES = 200;
const OVERRIDES = 500;
const LOOKUPS = 1_000;
const FROM = Date.UTC(2026, 0, 1);
const SPAN = 2 * 365 * 24 * 3_600_000;
const ZONES = ["Asia/Seoul", "America/New_York", "Europe/Berlin", "UTC"];

// A small seeded generator: the same schedules and instants every run.
let seed = 20261129;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

function schedule(i: number): Rota {
  const people = Array.from({ length: 8 }, (_, k) => `user-${i}-${k}`);
  const layers: Layer[] = [
    {
      id: "weekly",
      members: people.slice(0, 4),
      rotation: { kind: "weekly" },
      handoff: 9 * 60,
      startDate: parseLocalDate("2025-12-29")!,
      restrictions: [],
    },
    {
      id: "office",
      members: people.slice(4, 6),
      rotation: { kind: "daily" },
      handoff: 9 * 60,
      startDate: parseLocalDate("2026-01-05")!,
      restrictions: [{ days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 }],
    },
    {
      id: "shifts",
      members: people.slice(6, 8),
      rotation: { kind: "hours", hours: 12 },
      handoff: 21 * 60,
      startDate: parseLocalDate("2026-01-01")!,
      restrictions: [{ days: [6, 7], start: 0, end: 23 * 60 + 59 }],
    },
  ];
  const overrides: Override[] = Array.from({ length: OVERRIDES }, (_, k) => {
    const start = FROM + Math.floor(random() * SPAN);
    return { id: `o-${i}-${k}`, userId: people[k % people.length], start, end: start + Math.floor((1 + random() * 48) * 3_600_000) };
  });
  return { timeZone: ZONES[i % ZONES.length], layers, overrides };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Times one "who is on call" lookup per instant, each on a schedule picked at random; sorted durations in ms. */
function timeLookups(rotas: readonly Rota[], instants: readonly number[]): number[] {
  const durations: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const rota = rotas[Math.floor(random() * SCHEDULES)];
    const started = performance.now();
    onCallAt(rota, instants[i]);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

export async function main(): Promise<void> {
  const schedules = Array.from({ length: SCHEDULES }, (_, i) => schedule(i));
  const instants = Array.from({ length: LOOKUPS }, () => FROM + Math.floor(random() * SPAN));
  for (let i = 0; i < 200; i++) onCallAt(schedules[i % SCHEDULES], instants[i]); // warm-up (JIT, Intl formatters)

  const lookups = timeLookups(schedules, instants);

  const rotas: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    shiftsBetween(schedules[i], instants[i], instants[i] + 14 * 24 * 3_600_000);
    rotas.push(performance.now() - started);
  }
  rotas.sort((a, b) => a - b);

  // One member of each layer deactivated (user-i-0, -4, -6): their slots go to the next member.
  const withGone = schedules.map((r, i) => ({ ...r, unavailable: new Set([`user-${i}-0`, `user-${i}-4`, `user-${i}-6`]) }));
  const covered = timeLookups(withGone, instants);

  console.log(`\n## On-call lookups (${SCHEDULES} schedules × 3 layers × ${OVERRIDES} overrides, ${LOOKUPS} instants over two years)`);
  console.log(
    `who is on call (with until): median ${percentile(lookups, 0.5).toFixed(3)} ms, p99 ${percentile(lookups, 0.99).toFixed(3)} ms, max ${lookups[lookups.length - 1].toFixed(3)} ms`,
  );
  console.log(`two-week final rota: median ${percentile(rotas, 0.5).toFixed(2)} ms, p99 ${percentile(rotas, 0.99).toFixed(2)} ms`);
  console.log(
    `who is on call, one deactivated member per layer: median ${percentile(covered, 0.5).toFixed(3)} ms, p99 ${percentile(covered, 0.99).toFixed(3)} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
