// Password sign-in through the running app: does an unknown email answer as slowly as a known one (no email
// enumeration by timing), and what does a throttled attempt cost? Prints figures; never passes or fails.
import { pathToFileURL } from "node:url";
import { ensureBuild, startServer } from "./support/server.mts";

const ROUNDS = Number(process.env.BENCH_SIGNIN_ROUNDS ?? 4);
const KNOWN = ["admin", "commander", "responder", "manager", "viewer"].map((r) => `${r}@example.com`);

async function attempt(baseUrl: string, email: string, address: string): Promise<{ ms: number; status: number }> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookie = (csrfRes.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
    body: new URLSearchParams({ email, password: "wrong-password", csrfToken, json: "true" }),
  });
  await res.text();
  return { ms: performance.now() - started, status: res.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function main() {
  ensureBuild();
  console.log(`\n## Sign-in (wrong password, ${ROUNDS * KNOWN.length} tries each, SQLite)`);
  const server = await startServer("file:./.data/bench-signin.db", 3260);
  try {
    const known: number[] = [];
    const unknown: number[] = [];
    await attempt(server.baseUrl, "warm-up@example.com", "10.200.0.1");
    // Interleaved, each from its own address and below the per-account limit, so only the password check is measured.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, email] of KNOWN.entries()) {
        known.push((await attempt(server.baseUrl, email, `10.201.${round}.${i}`)).ms);
        unknown.push((await attempt(server.baseUrl, `nobody-${round}-${i}@example.com`, `10.202.${round}.${i}`)).ms);
      }
    }
    console.log(
      `known email:   median ${median(known).toFixed(1)} ms (min ${Math.min(...known).toFixed(1)}, max ${Math.max(...known).toFixed(1)})`,
    );
    console.log(
      `unknown email: median ${median(unknown).toFixed(1)} ms (min ${Math.min(...unknown).toFixed(1)}, max ${Math.max(...unknown).toFixed(1)})`,
    );
    const throttled: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await attempt(server.baseUrl, "viewer@example.com", "10.203.0.1");
      if (r.status === 429) throttled.push(r.ms);
    }
    if (throttled.length) console.log(`throttled (429): median ${median(throttled).toFixed(1)} ms over ${throttled.length} tries`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
