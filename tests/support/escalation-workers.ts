// App instances for the fault tests: tests/support/escalation-worker.mts in child processes against the test
// database, watched line by line on stdout so a test can wait for a failpoint ("CLAIMED ...") and SIGKILL there.
import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "vitest";

export interface Worker {
  child: ChildProcess;
  /** resolves with the first stdout line that starts with `prefix` */
  line(prefix: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout then stderr so far, for a failure message */
  output(): string;
}

/**
 * Starts workers with `baseEnv()` (read at each start: the sink's URL is known only after beforeAll) under the
 * given env; killAll() in afterAll makes sure no worker keeps running into the next test file.
 */
export function workerLauncher(baseEnv: () => Record<string, string>) {
  const started = new Set<ChildProcess>();

  function start(env: Record<string, string>): Worker {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/escalation-worker.mts"], {
      env: { ...process.env, ...baseEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.add(child);
    let out = "";
    let err = "";
    const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      for (const w of [...waiters]) {
        const line = out.split("\n").find((l) => l.startsWith(w.prefix));
        if (line) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    return {
      child,
      exited,
      output: () => `${out}\n${err}`,
      line: (prefix) =>
        new Promise<string>((resolve, reject) => {
          const found = out.split("\n").find((l) => l.startsWith(prefix));
          if (found) return resolve(found);
          waiters.push({ prefix, resolve });
          void exited.then(({ code }) => reject(new Error(`worker exited (${code}) before "${prefix}"\n${out}\n${err}`)));
        }),
    };
  }

  /** Runs a worker until it prints "DONE <json>" and exits 0; returns that JSON. */
  async function runUntilIdle<T>(env: Record<string, string>): Promise<T> {
    const worker = start(env);
    const done = await worker.line("DONE ");
    expect((await worker.exited).code).toBe(0);
    return JSON.parse(done.slice(5)) as T;
  }

  function killAll() {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }

  return { start, runUntilIdle, killAll };
}
