// Runs probes: every run is bounded by its timeout, never throws, and always runs the probe's clean-ups
// (clients closed or destroyed) so no socket keeps the process alive.
import type { Localized } from "@/lib/domain/runbooks";
import { describeError, errorInfo } from "./errors";
import { targetLabel } from "./labels";
import type {
  AnyProbe,
  Probe,
  ProbeContext,
  ProbeId,
  ProbeOutcome,
  ProbeResult,
  ProbeRunOptions,
  Target,
  TargetByKind,
  TargetKind,
} from "./types";

/** How long clean-ups may delay the result: polite closes after success, destroys after a timeout. */
const CLEANUP_BOUND_MS = 1_000;
const ABORT_CLEANUP_BOUND_MS = 250;

export interface ProbeSpec<K extends TargetKind, P> {
  id: ProbeId;
  title: Localized;
  targetKind: K;
  timeoutMs: number;
  check(target: TargetByKind[K], params: P | undefined, ctx: ProbeContext): Promise<ProbeOutcome>;
}

export function errorOutcome(summary: string, error?: unknown): ProbeOutcome {
  return { verdict: "error", summary, data: { error: error === undefined ? { message: summary } : errorInfo(error) } };
}

function isTargetOf<K extends TargetKind>(kind: K, target: Target): target is TargetByKind[K] {
  return target.kind === kind;
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

async function runCleanups(cleanups: Array<(aborted: boolean) => unknown>, aborted: boolean): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Clean-ups that take longer go on in the background; they are never skipped.
  const all = Promise.allSettled(cleanups.reverse().map(async (fn) => fn(aborted)));
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, aborted ? ABORT_CLEANUP_BOUND_MS : CLEANUP_BOUND_MS);
  });
  await Promise.race([all, bound]);
  clearTimeout(timer);
}

/** Runs one check with its timeout, cancellation and clean-ups. Never throws. */
export async function executeProbe<K extends TargetKind, P>(
  spec: ProbeSpec<K, P>,
  target: Target,
  options: ProbeRunOptions<P> = {},
): Promise<ProbeResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const finish = (outcome: ProbeOutcome): ProbeResult => ({
    probeId: spec.id,
    ...outcome,
    durationMs: elapsed(t0),
    startedAt,
    target: target.name,
  });
  if (!isTargetOf(spec.targetKind, target)) {
    return finish(errorOutcome(`probe ${spec.id} needs a ${spec.targetKind} target, got ${target.kind} target "${target.name}"`));
  }
  const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
  const label = targetLabel(target);
  const controller = new AbortController();
  const cleanups: Array<(aborted: boolean) => unknown> = [];
  const ctx: ProbeContext = { signal: controller.signal, timeoutMs, defer: (fn) => void cleanups.push(fn) };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => {
      resolve(errorOutcome(`${label} timed out after ${timeoutMs} ms`, { message: `timed out after ${timeoutMs} ms`, code: "TIMEOUT" }));
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const external = options.signal;
    if (external) {
      onCancel = () => {
        resolve(errorOutcome(`cancelled before ${label} answered`, { message: "cancelled", code: "CANCELLED" }));
        controller.abort(new Error("cancelled"));
      };
      if (external.aborted) onCancel();
      else external.addEventListener("abort", onCancel, { once: true });
    }
  });
  const work = (async () => spec.check(target, options.params, ctx))().then(
    (outcome) => outcome,
    (error: unknown) => errorOutcome(describeError(label, error), error),
  );

  const outcome = await Promise.race([work, stopped]);
  clearTimeout(timer);
  if (onCancel) options.signal?.removeEventListener("abort", onCancel);
  const result = finish(outcome);
  await runCleanups(cleanups, controller.signal.aborted);
  return result;
}

/**
 * The fields every probe of one target kind spells out the same way: the kind and its default timeout. A probe
 * spreads `family(id, title)` into its spec and may ask for its own timeout.
 */
export function probeFamily<K extends TargetKind>(targetKind: K, timeoutMs: number) {
  return (id: ProbeId, title: Localized, ownTimeoutMs: number = timeoutMs) => ({ id, title, targetKind, timeoutMs: ownTimeoutMs });
}

/** Builds a probe from its check; run() is executeProbe. */
export function defineProbe<K extends TargetKind, P = undefined>(spec: ProbeSpec<K, P>): Probe<K, P> {
  return {
    id: spec.id,
    title: spec.title,
    targetKind: spec.targetKind,
    timeoutMs: spec.timeoutMs,
    run: (target, options) => executeProbe(spec, target, options),
  };
}

export type RunOptions = Omit<ProbeRunOptions, "params">;

/**
 * Runs a probe against a target. Never throws and never outlives the probe's timeout (plus a small
 * margin for a probe that was not built with defineProbe and ignores its own timeout).
 */
export async function runProbe(probe: AnyProbe, target: Target, options: RunOptions = {}): Promise<ProbeResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const bound = (options.timeoutMs ?? probe.timeoutMs) + CLEANUP_BOUND_MS + 250;
  const fail = (summary: string, error: unknown): ProbeResult => ({
    probeId: probe.id,
    ...errorOutcome(summary, error),
    durationMs: elapsed(t0),
    startedAt,
    target: target.name,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => resolve(fail(`${targetLabel(target)} timed out after ${bound} ms`, { code: "TIMEOUT" })), bound);
  });
  try {
    return await Promise.race([probe.run(target, options), guard]);
  } catch (error) {
    return fail(describeError(targetLabel(target), error), error);
  } finally {
    clearTimeout(timer);
  }
}

export interface ProbeJob {
  probe: AnyProbe;
  target: Target;
  options?: RunOptions;
}

/**
 * Runs the jobs in parallel; calls onResult as each one finishes (for streaming to the browser) and
 * resolves with every result in the order of the jobs.
 */
export async function runProbes(
  jobs: readonly ProbeJob[],
  onResult?: (result: ProbeResult, index: number) => void | Promise<void>,
): Promise<ProbeResult[]> {
  return Promise.all(
    jobs.map(async (job, index) => {
      const result = await runProbe(job.probe, job.target, job.options);
      if (onResult) {
        try {
          await onResult(result, index);
        } catch (error) {
          // A failing listener (e.g. a closed stream) must not lose the other results.
          console.error(`diagnostics: onResult for ${result.probeId} failed:`, error);
        }
      }
      return result;
    }),
  );
}
