// Postmortem benchmarks on SQLite and PostgreSQL (`npx tsx bench/postmortems.mts`, or `npm run bench`):
// 1. Autosave round trip for a 50 KB report through the API: what the editor sends (the changed field
//    with its version) and the worst case (all 14 fields, the whole 50 KB), sequential like one user.
// 2. Page load of a postmortem whose incident has 500 timeline events: the server-rendered HTML, and a
//    real browser (Chromium) until the editor is interactive.
// Prints figures; never passes or fails. NEXT_DIST_DIR picks the build (built first if missing).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { benchDatabases, startServer, type BenchServer } from "./support/server.mts";
import { percentile } from "./support/load.mts";
import { POSTMORTEM_FIELD_KEYS } from "../lib/domain/postmortem/template";

const SAVES = Number(process.env.BENCH_SAVES ?? 150);
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const PORT = Number(process.env.BENCH_POSTMORTEM_PORT ?? 3450);
const TIMELINE_EVENTS = 500;
const REPORT_BYTES = 50 * 1024;

function ensureOwnBuild() {
  const dir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(`${dir}/BUILD_ID`)) execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${percentile(s, 50).toFixed(1)} ms  p95 ${percentile(s, 95).toFixed(1)} ms  max ${s[s.length - 1].toFixed(1)} ms  (n=${s.length})`;
};

/** 14 fields of Korean and ASCII Markdown adding up to ~50 KB of UTF-8. */
function report(): Record<string, string> {
  const line = "- 14:05 박서준 — Redis 락 키 12개 삭제 후 p95 0.3s 회복 확인 (**TTL 누락**)\n";
  const perField = Math.floor(REPORT_BYTES / POSTMORTEM_FIELD_KEYS.length);
  const text = line.repeat(Math.ceil(perField / Buffer.byteLength(line))).slice(0, perField);
  let fieldText = text;
  while (Buffer.byteLength(fieldText) > perField) fieldText = fieldText.slice(0, -1);
  return Object.fromEntries(POSTMORTEM_FIELD_KEYS.map((k) => [k, fieldText]));
}

async function api<T>(
  server: BenchServer,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/** A session cookie for the page loads (pages need a signed-in user, not an API token). */
async function signIn(server: BenchServer): Promise<string> {
  const csrfRes = await fetch(`${server.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);
  const res = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "responder@example.com", password: "incident-demo", json: "true" }),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session;
}

async function setup(server: BenchServer): Promise<{ postmortemId: string; version: number }> {
  const incident = (
    await api<{ id: number; version: number }>(server, "/api/v1/incidents", {
      method: "POST",
      body: { title: "Bench: Redis lock timeouts", severity: "P2" },
    })
  ).json;
  for (let i = 0; i < TIMELINE_EVENTS - 2; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, TIMELINE_EVENTS - 2 - i) }, (_, j) =>
        api(server, `/api/v1/incidents/${incident.id}/timeline`, {
          method: "POST",
          body: { text: `관찰 ${i + j + 1}: 락 대기 ${(i + j) % 37}건, p95 ${(1 + ((i + j) % 9) / 10).toFixed(1)}s` },
        }),
      ),
    );
  }
  await api(server, `/api/v1/incidents/${incident.id}`, { method: "PATCH", body: { status: "resolved", version: incident.version } });
  const pm = await api<{ id: string; version: number }>(server, `/api/v1/incidents/${incident.id}/postmortem`, {
    method: "POST",
    body: {},
  });
  if (pm.status !== 201) throw new Error(`create failed: ${pm.status} ${JSON.stringify(pm.json)}`);
  const full = await api<{ version: number }>(server, `/api/v1/postmortems/${pm.json.id}`, {
    method: "PUT",
    body: { sections: report(), version: pm.json.version },
  });
  if (full.status !== 200) throw new Error(`50 KB save failed: ${full.status} ${JSON.stringify(full.json)}`);
  return { postmortemId: pm.json.id, version: full.json.version };
}

async function benchAutosave(server: BenchServer, id: string, startVersion: number) {
  const fields = report();
  let version = startVersion;
  const oneField: number[] = [];
  const whole: number[] = [];
  const save = (sections: Record<string, string>) =>
    api<{ version: number }>(server, `/api/v1/postmortems/${id}`, { method: "PUT", body: { sections, version } }).then((res) => {
      if (res.status !== 200) throw new Error(`save: ${res.status}`);
      version = res.json.version;
    });
  for (let i = 0; i < 10; i++) await save({ impact: `warm-up ${i}` }); // JIT and connection pools, not measured
  for (let i = 0; i < SAVES; i++) {
    const key = POSTMORTEM_FIELD_KEYS[i % POSTMORTEM_FIELD_KEYS.length];
    fields[key] = `${fields[key].slice(0, -8)}${String(i).padStart(8, "0")}`;
    const t0 = performance.now();
    await save({ [key]: fields[key] });
    oneField.push(performance.now() - t0);
  }
  for (let i = 0; i < Math.ceil(SAVES / 3); i++) {
    const key = POSTMORTEM_FIELD_KEYS[i % POSTMORTEM_FIELD_KEYS.length];
    fields[key] = `${fields[key].slice(0, -8)}${String(i).padStart(8, "1")}`;
    const t0 = performance.now();
    await save(fields);
    whole.push(performance.now() - t0);
  }
  return { oneField, whole, bodyBytes: Buffer.byteLength(JSON.stringify({ sections: fields, version })) };
}

async function benchPageLoad(server: BenchServer, id: string) {
  const cookie = await signIn(server);
  const html: number[] = [];
  let bytes = 0;
  for (let i = 0; i < LOADS + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(`${server.baseUrl}/postmortems/${id}`, { headers: { cookie } });
    const body = await res.text();
    if (!res.ok) throw new Error(`page ${res.status}`);
    if (i >= 2) html.push(performance.now() - t0); // the first loads warm the route
    bytes = Buffer.byteLength(body);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const interactive: number[] = [];
  try {
    const [name, value] = cookie.split("=");
    const context = await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" });
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    for (let i = 0; i < Math.max(5, Math.floor(LOADS / 2)) + 1; i++) {
      const t0 = performance.now();
      await page.goto(`${server.baseUrl}/postmortems/${id}`);
      await page.locator('[data-testid="postmortem-editor"][data-ready="true"]').waitFor();
      if (i > 0) interactive.push(performance.now() - t0);
    }
    const events = await page.locator('[data-testid="incident-timeline"] li').count();
    if (events !== TIMELINE_EVENTS) throw new Error(`expected ${TIMELINE_EVENTS} timeline events on the page, saw ${events}`);
  } finally {
    await browser.close();
  }
  return { html, interactive, bytes };
}

export async function main() {
  ensureOwnBuild();
  console.log(`\n## Postmortems (50 KB report, ${TIMELINE_EVENTS} timeline events; 2 cores shared by server, browser and client)`);
  for (const [label, url] of benchDatabases("postmortems")) {
    const server = await startServer(url, PORT);
    try {
      const { postmortemId, version } = await setup(server);
      const save = await benchAutosave(server, postmortemId, version);
      console.log(
        `${label}: autosave, changed field only (~${(REPORT_BYTES / POSTMORTEM_FIELD_KEYS.length / 1024).toFixed(1)} KB body)  ${stats(save.oneField)}`,
      );
      console.log(`${label}: save of the whole report (${(save.bodyBytes / 1024).toFixed(1)} KB body)      ${stats(save.whole)}`);
      const load = await benchPageLoad(server, postmortemId);
      console.log(`${label}: page HTML /postmortems/{id} (${(load.bytes / 1024).toFixed(0)} KB)        ${stats(load.html)}`);
      console.log(`${label}: browser load until interactive             ${stats(load.interactive)}`);
    } finally {
      await server.stop();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
