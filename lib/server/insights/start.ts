import "server-only";
// The weekly report's loop, started once per server instance; every instance may run it (weekly.ts writes each
// week's report once). A minute's tick is precise enough for "Monday 09:00" and costs one key lookup.
import { startLoop, type Loop } from "../background-loop";
import { now } from "../clock";
import { runWeeklyReportTick } from "./weekly";

const EVERY_MS = 60_000;
const g = globalThis as unknown as { __insightsWeekly?: Loop };

export async function startInsightsTasks(): Promise<void> {
  g.__insightsWeekly ??= startLoop("insights weekly report", EVERY_MS, () => runWeeklyReportTick(now()));
}
