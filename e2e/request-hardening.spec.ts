import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { stateFile } from "./support/auth";
import { E2E_PORTS } from "./support/env";
import { dbSnapshot } from "./support/db-snapshot";

// Issue 11, points 4 and 5, against the real server: bodies cut off while they stream in (memory of
// the server process measured), cookie mutations from other sites refused, and the browser protections
// on every page — with the app still working under its Content-Security-Policy.
const PORT = E2E_PORTS[0];
const MB = 1024 * 1024;

function sessionCookie(role: "admin" | "commander"): string {
  const state = JSON.parse(readFileSync(stateFile(role), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Resident memory of the server listening on PORT (Linux /proc), or null when it cannot be seen. */
function serverRssMb(): number | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${PORT}`], { encoding: "utf8" });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (!pid) return null;
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Streams `totalBytes` as a chunked body (no Content-Length) over a raw socket and stops as soon as the
 * server answers. Returns the status and how much had been sent when the answer arrived.
 */
function chunkedUpload(
  path: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<{ status: number; sentAtAnswer: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, "127.0.0.1");
    const chunk = Buffer.alloc(64 * 1024, "a");
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    let sent = 0;
    let sentAtAnswer = -1;
    let received = "";
    const finish = () => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      if (!status) return reject(new Error(`no answer after ${sent} bytes`));
      resolve({ status, sentAtAnswer, body: received.split("\r\n\r\n").slice(1).join("\r\n\r\n") });
    };
    socket.on("data", (data) => {
      if (sentAtAnswer < 0) sentAtAnswer = sent;
      received += data.toString("utf8");
      setTimeout(finish, 300); // the rest of a small error answer arrives at once
    });
    socket.on("error", () => (sentAtAnswer >= 0 ? finish() : undefined));
    socket.on("close", () => (sentAtAnswer >= 0 ? finish() : reject(new Error(`closed without an answer after ${sent} bytes`))));
    socket.on("connect", () => {
      const head = [
        `POST ${path} HTTP/1.1`,
        `Host: localhost:${PORT}`,
        "Transfer-Encoding: chunked",
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        "",
        "",
      ].join("\r\n");
      socket.write(head);
      const pump = () => {
        while (sent < totalBytes && sentAtAnswer < 0 && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
        if (sent >= totalBytes && !socket.destroyed) socket.write("0\r\n\r\n");
      };
      pump();
    });
  });
}

test.describe("request limits and browser protections", () => {
  test("200 MB chunked bodies are cut off while they stream in: 413 long before the end, server memory flat", async () => {
    test.setTimeout(120_000);
    const before = await dbSnapshot();
    const rssBefore = serverRssMb();
    const total = 200 * MB;
    const cases: { name: string; path: string; headers: Record<string, string>; status: number | null }[] = [
      {
        name: "API route (signed-in cookie)",
        path: "/api/v1/incidents",
        headers: { cookie: sessionCookie("commander"), "content-type": "application/json", origin: `http://localhost:${PORT}` },
        status: 413,
      },
      {
        name: "sign-in callback (anonymous)",
        path: "/api/auth/callback/credentials",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        status: 413,
      },
      {
        name: "diagnostics NDJSON route",
        path: "/api/v1/diagnostics/runs",
        headers: { cookie: sessionCookie("admin"), "content-type": "application/json" },
        status: 413,
      },
      // Next's server-action reader enforces experimental.serverActions.bodySizeLimit while reading.
      {
        name: "server action",
        path: "/incidents",
        headers: {
          cookie: sessionCookie("admin"),
          "next-action": "0".repeat(42),
          "content-type": "text/plain;charset=UTF-8",
          origin: `http://localhost:${PORT}`,
        },
        status: null,
      },
    ];
    const figures: string[] = [];
    for (const c of cases) {
      const res = await chunkedUpload(c.path, c.headers, total).catch((error: Error) => {
        throw new Error(`${c.name}: ${error.message}`);
      });
      figures.push(`${c.name}: ${res.status} after ${(res.sentAtAnswer / MB).toFixed(1)} MB of 200 MB`);
      if (c.status) expect(res.status, `${c.name}: ${res.body.slice(0, 200)}`).toBe(c.status);
      else expect(res.status, `${c.name}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, c.name).toBeLessThan(500);
      // the answer came while the client was still sending: nowhere near the whole body was read
      expect(res.sentAtAnswer, c.name).toBeLessThan(32 * MB);
    }
    const rssAfter = serverRssMb();
    figures.push(`server RSS ${rssBefore?.toFixed(0)} MB → ${rssAfter?.toFixed(0)} MB`);
    test.info().annotations.push({ type: "figures", description: figures.join("; ") });
    console.log(`[request-hardening] ${figures.join("; ")}`);
    if (rssBefore !== null && rssAfter !== null) expect(rssAfter - rssBefore).toBeLessThan(100);
    expect(await dbSnapshot()).toEqual(before);
  });

  test("cookie mutations from another site are refused with a clear 403; same-origin and API tokens work", async ({
    playwright,
    baseURL,
  }) => {
    const commander = await playwright.request.newContext({ baseURL, storageState: stateFile("commander") });
    const before = await dbSnapshot();
    const forged = await commander.post("/api/v1/incidents", {
      data: { title: "Forged from evil.example", severity: "P1" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "accept-language": "en" },
    });
    expect(forged.status()).toBe(403);
    const body = await forged.json();
    expect(body.error).toMatchObject({ code: "forbidden", reason: "cross_origin" });
    expect(body.error.message).toContain("https://evil.example");
    const signOut = await commander.post("/api/auth/signout", {
      form: { csrfToken: "x" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(signOut.status()).toBe(403);
    expect(await dbSnapshot()).toEqual(before);

    const sameOrigin = await commander.post("/api/v1/incidents", {
      data: { title: "Declared from our own page", severity: "P3" },
      headers: { origin: baseURL!, "sec-fetch-site": "same-origin" },
    });
    expect(sameOrigin.status()).toBe(201);
    await commander.dispose();
  });

  test("NUL and lone surrogates: 400 naming the field over HTTP, also on the sign-in callback; never 5xx", async ({
    playwright,
    baseURL,
  }) => {
    const commander = await playwright.request.newContext({ baseURL, storageState: stateFile("commander") });
    const anonymous = await playwright.request.newContext({ baseURL });
    const before = await dbSnapshot();
    const json = { "content-type": "application/json", "accept-language": "en" };
    const nul = await commander.post("/api/v1/incidents", { data: '{"title":"Checkout\\u0000 down","severity":"P1"}', headers: json });
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error.fields.title).toMatch(/NUL/);
    const lone = await commander.post("/api/v1/incidents", {
      data: '{"title":"ok","severity":"P1","description":"\\ud83d"}',
      headers: json,
    });
    expect(lone.status()).toBe(400);
    expect((await lone.json()).error.fields.description).toMatch(/surrogate/);
    const query = await commander.get("/api/v1/notifications?incidentId=1%002", { headers: json });
    expect(query.status()).toBe(400);
    const signIn = await anonymous.post("/api/auth/callback/credentials", {
      form: { email: "admin@example.com\u0000", password: "x", csrfToken: "x" },
    });
    expect(signIn.status()).toBe(400);
    for (const path of ["/api/auth/session?x=%00", "/api/auth/providers?x=%ED%A0%80", "/api/auth/csrf?%00=1"]) {
      expect((await anonymous.get(path)).status(), path).toBeLessThan(500);
    }
    expect(await dbSnapshot()).toEqual(before);
    await commander.dispose();
    await anonymous.dispose();
  });

  test("every answer carries nosniff, Referrer-Policy and no-framing; HSTS only behind https", async ({ request }) => {
    const api = await request.get("/api/health");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(api.headers()["x-frame-options"]).toBe("DENY");
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api.headers()["strict-transport-security"]).toBeUndefined();
    const behindTls = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(behindTls.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
    const login = await request.get("/login");
    expect(login.headers()["x-content-type-options"]).toBe("nosniff");
    expect(login.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  });
});

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text()))
      violations.push(`${page.url()}: ${msg.text()}`);
  });
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  return violations;
}

test("every main page works under its nonce CSP: scripts hydrate, charts draw, no violation", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: stateFile("admin"), baseURL });
  const page = await context.newPage();
  const violations = await watchCsp(page);
  const nonces = new Set<string>();
  const created = await context.request.post("/api/v1/incidents", {
    data: { title: "CSP check: checkout slow", severity: "P2", scenario: "redis-lock-timeout" },
  });
  expect(created.status()).toBe(201);
  const incidentId = (await created.json()).id as number;
  const paths = [
    "/incidents",
    `/incidents/${incidentId}`,
    "/metrics",
    "/escalations",
    "/escalations/outbox",
    "/runbooks",
    "/runbooks/redis-lock-timeout",
    "/postmortems",
    "/settings",
    "/incidents/new",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    const csp = response!.headers()["content-security-policy"];
    const script = csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src"))!;
    expect(script, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    nonces.add(/'nonce-([^']+)'/.exec(script)![1]);
    // every script tag in the document carries the nonce
    const html = await response!.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(
      scripts.filter((tag) => !/\bnonce="/.test(tag)),
      path,
    ).toEqual([]);
    // Pages keep a live-update stream open, so the network is never idle for long: give late requests a moment only.
    await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
  }
  expect(nonces.size, "a fresh nonce per page view").toBe(paths.length);
  // hydrated and interactive: the metrics chart is drawn by recharts on the client
  await page.goto("/metrics");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  // client-side navigation (react-query, next-intl messages) works too
  await page
    .getByRole("link", { name: /^(장애|Incidents)$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/incidents/);
  expect(violations).toEqual([]);

  const anon = await browser.newPage({ baseURL });
  const anonViolations = await watchCsp(anon);
  await anon.goto("/login");
  await expect(anon.getByRole("button", { name: /^(로그인|Sign in)$/ })).toBeVisible();
  expect(anonViolations).toEqual([]);
  await anon.close();
  await context.close();
});
