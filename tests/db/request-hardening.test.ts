// Every route under app/api, found by walking the folder (a new route is covered without editing this
// file), fed the hostile inputs of issue 11 on the database in DATABASE_URL:
//   - NUL in a query parameter and in a path parameter;
//   - NUL, a lone surrogate and a NUL object key in the JSON body of every route that reads one;
//   - a 200 MB chunked body (a lazy stream without Content-Length): 413 after reading at most the
//     limit plus one chunk — the rest is never pulled — and never a 5xx for routes without a body;
//   - cookie-authenticated mutations from another site (Sec-Fetch-Site cross-site, a foreign Origin
//     alone, Origin "null"): 403 naming the origin, bearer-authenticated requests exempt.
// Every answer is a 4xx with the error shape, never a 5xx, and nothing is written.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { createApiToken } from "@/lib/server/tokens";
import { MAX_WEBHOOK_BYTES } from "@/lib/server/alerts/alertmanager";
import { AUTH_BODY_LIMIT } from "@/lib/server/security/auth-route";
import { MAX_BODY_BYTES, type RouteShape } from "@/lib/server/api";
import { MAX_INBOUND_BYTES } from "@/lib/server/reach/inbound";
import { SUBSCRIBE_MAX_BYTES, UNSUBSCRIBE_MAX_BYTES } from "@/lib/server/status/subscribers";
import { actorFor, counts } from "../support/actors";

const WEBHOOK_TOKEN = "hardening-webhook-token-0123456789";
process.env.ALERTMANAGER_TOKEN = WEBHOOK_TOKEN;

const DB = process.env.DATABASE_URL?.split(":")[0] ?? "file";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = ((request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  shape?: RouteShape;
};

// Values for dynamic segments: things that do not exist, so a request that got through would find nothing.
const PARAM_VALUES: Record<string, string | string[]> = {
  id: "999999999",
  stepId: "team_lead",
  checkId: "no-such-check",
  itemId: "no-such-item",
  version: "1",
  slug: "no-such-runbook",
  nextauth: ["callback", "credentials"],
  overrideId: "no-such-override",
  file: "no-such-calendar-feed-secret.ics",
  token: "no-such-link.not-a-signature",
  windowId: "no-such-window",
  webhookId: "no-such-webhook",
  channel: "no-such-channel",
};

// Routes that do not go through apiRoute declare their body here (the walk fails on an unknown one).
const OWN_BODY: Record<string, Partial<Record<Method, { limit: number; contentType: string; authorization?: string }>>> = {
  "/api/integrations/alertmanager": {
    POST: { limit: MAX_WEBHOOK_BYTES, contentType: "application/json", authorization: `Bearer ${WEBHOOK_TOKEN}` },
  },
  "/api/auth/[...nextauth]": { POST: { limit: AUTH_BODY_LIMIT, contentType: "application/x-www-form-urlencoded" } },
  "/api/test/clock": { POST: { limit: MAX_BODY_BYTES, contentType: "application/json" } },
  "/api/health": {},
  "/api/calendar/[file]": {},
  // acknowledging from the page (lib/server/reach): the link's token is the permission; providers sign their requests
  "/api/ack/[token]": {},
  "/api/integrations/slack/interactions": { POST: { limit: MAX_INBOUND_BYTES, contentType: "application/x-www-form-urlencoded" } },
  "/api/integrations/twilio/sms": { POST: { limit: MAX_INBOUND_BYTES, contentType: "application/x-www-form-urlencoded" } },
  "/api/integrations/twilio/voice": { POST: { limit: MAX_INBOUND_BYTES, contentType: "application/x-www-form-urlencoded" } },
  // the public status page (lib/server/status): the subscribe form works without JavaScript; unsubscribing takes
  // RFC 8058's one-click form (the signed token in the query is the credential); its JSON is read-only
  "/api/status/subscribe": { POST: { limit: SUBSCRIBE_MAX_BYTES, contentType: "application/json" } },
  "/api/status/unsubscribe": { POST: { limit: UNSUBSCRIBE_MAX_BYTES, contentType: "application/x-www-form-urlencoded" } },
  "/api/v1/status": {},
};
// next-auth's GET handler reads next/headers (a live request scope), so it is exercised over HTTP in
// e2e/request-hardening.spec.ts instead; its POST is refused by our guard before next-auth runs.
const HTTP_ONLY = new Set(["GET /api/auth/[...nextauth]"]);

interface Route {
  pattern: string;
  url: string;
  params: Record<string, string | string[]>;
  handlers: Partial<Record<Method, Handler>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

async function loadRoutes(): Promise<Route[]> {
  const root = path.resolve("app");
  const routes: Route[] = [];
  for (const file of routeFiles(path.join(root, "api")).sort()) {
    const pattern = "/" + path.relative(root, path.dirname(file)).split(path.sep).join("/");
    const params: Record<string, string | string[]> = {};
    const url = pattern.replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
      const value = PARAM_VALUES[name];
      if (value === undefined) throw new Error(`No test value for [${name}] in ${pattern}: add one to PARAM_VALUES.`);
      params[name] = value;
      return Array.isArray(value) ? value.join("/") : value;
    });
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers: Route["handlers"] = {};
    for (const method of METHODS) if (typeof mod[method] === "function") handlers[method] = mod[method] as Handler;
    routes.push({ pattern, url, params, handlers });
  }
  return routes;
}

function bodyOf(route: Route, method: Method): { limit: number; contentType: string; authorization?: string } | null {
  const handler = route.handlers[method]!;
  if (handler.shape) return handler.shape.acceptsBody ? { limit: handler.shape.maxBodyBytes, contentType: "application/json" } : null;
  const own = OWN_BODY[route.pattern];
  if (!own) throw new Error(`${route.pattern} does not use apiRoute: declare its body in OWN_BODY.`);
  return own[method] ?? null;
}

let adminToken: string;
let routes: Route[];
const tally: Record<string, number> = {};
const count = (kind: string) => (tally[kind] = (tally[kind] ?? 0) + 1);

async function call(
  route: Route,
  method: Method,
  init: { query?: string; params?: Record<string, string | string[]>; headers?: Record<string, string>; body?: BodyInit; duplex?: boolean },
) {
  const request = new Request(`http://localhost:3000${route.url}${init.query ?? ""}`, {
    method,
    headers: init.headers,
    body: init.body,
    ...(init.duplex ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await route.handlers[method]!(request, { params: Promise.resolve(init.params ?? route.params) });
  const text = await response.text();
  let json: { error?: { code?: string; message?: string; fields?: Record<string, string>; reason?: string } } | null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}

function expectRefusal(label: string, res: { status: number; json: unknown; text: string }, status: number) {
  const shape = res.json as { error?: { code?: unknown; message?: unknown } } | null;
  expect.soft(res.status, `${label}: ${res.text.slice(0, 160)}`).toBe(status);
  expect.soft(typeof shape?.error?.message === "string" && (shape.error.message as string).length > 0, `${label}: error shape`).toBe(true);
}

/** A body of `total` bytes made lazily, chunk by chunk, counting what the server pulled. */
function lazyBody(total: number, chunkSize = 64 * 1024) {
  const chunk = new Uint8Array(chunkSize).fill(0x61); // "aaaa…": not JSON, but nothing should get that far
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, stats, chunkSize };
}

async function snapshot() {
  const [base, tokens, postmortems, drills] = await Promise.all([
    counts(),
    prisma.apiToken.count(),
    prisma.postmortem.count(),
    prisma.drill.count(),
  ]);
  return { ...base, tokens, postmortems, drills };
}

beforeAll(async () => {
  adminToken = (await createApiToken(await actorFor("admin"), { name: "hardening-admin", role: "admin" })).token;
  routes = await loadRoutes();
});

describe(`every API route refuses hostile input with a 4xx on ${DB}`, () => {
  it("finds the routes by walking app/api", () => {
    expect(routes.length).toBeGreaterThanOrEqual(47);
    expect(routes.map((r) => r.pattern)).toContain("/api/v1/incidents/[id]/timeline");
  });

  it("NUL in a query or path parameter: 400 naming the parameter", async () => {
    const before = await snapshot();
    for (const route of routes) {
      for (const method of Object.keys(route.handlers) as Method[]) {
        if (HTTP_ONLY.has(`${method} ${route.pattern}`) || route.pattern === "/api/auth/[...nextauth]" || !route.handlers[method]!.shape)
          continue;
        const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json", "accept-language": "en" };
        const body = method === "GET" || method === "DELETE" ? undefined : "{}";
        const q = await call(route, method, { query: "?filter=a%00b", headers, body });
        expectRefusal(`${method} ${route.pattern}?filter=NUL`, q, 400);
        expect.soft(q.json?.error?.fields?.filter, `${method} ${route.pattern}: names the parameter`).toMatch(/filter.*NUL/);
        count("nul-query");
        const names = Object.keys(route.params);
        if (names.length) {
          const params = { ...route.params, [names[0]]: "1\u00002" };
          const p = await call(route, method, { params, headers, body });
          expectRefusal(`${method} ${route.pattern} with NUL in [${names[0]}]`, p, 400);
          expect.soft(p.json?.error?.fields?.[names[0]], `${method} ${route.pattern}: names [${names[0]}]`).toBeTruthy();
          count("nul-path");
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("NUL, a lone surrogate or a NUL key in a JSON body: 400 naming the field, the same on SQLite and PostgreSQL", async () => {
    const before = await snapshot();
    const bodies: { label: string; body: string; field: string; message: RegExp }[] = [
      { label: "NUL in a string", body: JSON.stringify({ title: "Checkout\u0000 down", text: "x" }), field: "title", message: /NUL/ },
      { label: "lone high surrogate", body: '{"text": "note \\ud83d here"}', field: "text", message: /surrogate/ },
      {
        label: "lone low surrogate, nested",
        body: '{"sections": {"summary": "\\ude00"}}',
        field: "sections.summary",
        message: /surrogate/,
      },
      { label: "NUL in a key", body: '{"ti\\u0000tle": "x"}', field: "ti\ufffdtle", message: /NUL/ },
      {
        label: "NUL in an array element",
        body: JSON.stringify({ probeIds: ["redis.ping", "\u0000"] }),
        field: "probeIds.1",
        message: /NUL/,
      },
    ];
    for (const route of routes) {
      for (const method of Object.keys(route.handlers) as Method[]) {
        const body = bodyOf(route, method);
        if (!body) continue;
        const form = body.contentType.startsWith("application/x-www-form-urlencoded");
        const cases = form
          ? [
              { label: "NUL in a form field", body: "email=admin%40example.com%00&password=x&csrfToken=t", field: "email", message: /NUL/ },
              { label: "NUL in a form field name", body: "email=a&pass%00word=x", field: "pass\ufffdword", message: /NUL/ },
            ]
          : bodies;
        for (const c of cases) {
          const headers: Record<string, string> = {
            "content-type": body.contentType,
            "accept-language": "en",
            authorization: body.authorization ?? `Bearer ${adminToken}`,
          };
          if (form) delete headers.authorization;
          const res = await call(route, method, { headers, body: c.body });
          const label = `${method} ${route.pattern}: ${c.label}`;
          count("unsafe-body");
          expectRefusal(label, res, route.pattern === "/api/test/clock" && res.status === 404 ? 404 : 400);
          if (res.status === 400) {
            expect.soft(res.json?.error?.fields?.[c.field], `${label}: names ${c.field}`).toMatch(c.message);
            expect.soft(res.json?.error?.message, `${label}: message names the field`).toContain(c.field);
          }
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a 200 MB chunked body is cut off at the limit: 413 after pulling at most limit + one chunk", async () => {
    const before = await snapshot();
    const rssBefore = process.memoryUsage().rss;
    let maxPulled = 0;
    for (const route of routes) {
      for (const method of Object.keys(route.handlers) as Method[]) {
        if (method === "GET" || HTTP_ONLY.has(`${method} ${route.pattern}`)) continue;
        const body = bodyOf(route, method);
        const { stream, stats, chunkSize } = lazyBody(200 * 1024 * 1024);
        const headers: Record<string, string> = {
          "content-type": body?.contentType ?? "application/json",
          "accept-language": "en",
          authorization: body?.authorization ?? `Bearer ${adminToken}`,
        };
        if (body?.contentType.startsWith("application/x-www-form-urlencoded")) delete headers.authorization;
        const res = await call(route, method, { headers, body: stream, duplex: true });
        const label = `${method} ${route.pattern}: 200 MB chunked`;
        count("oversize-chunked");
        if (body && !(route.pattern === "/api/test/clock" && res.status === 404)) {
          expectRefusal(label, res, 413);
          expect.soft(stats.pulled, `${label}: pulled only up to the limit`).toBeLessThanOrEqual(body.limit + 2 * chunkSize);
        } else {
          // A route without a body never reads it and answers as it would without one (here: 4xx, nothing exists).
          expect.soft(res.status, `${label}: ${res.text.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
          expect.soft(res.status, label).toBeLessThan(500);
          expect.soft(stats.pulled, `${label}: body never read`).toBeLessThanOrEqual(2 * chunkSize);
        }
        maxPulled = Math.max(maxPulled, stats.pulled);
      }
    }
    const grewMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(
      `[hardening ${DB}] oversize: at most ${(maxPulled / 1024).toFixed(0)} KB of each 200 MB body read; rss grew ${grewMb.toFixed(1)} MB`,
    );
    expect(grewMb).toBeLessThan(100);
    expect(await snapshot()).toEqual(before);
  });

  it("cookie-authenticated mutations from another site: 403 naming the origin; API tokens exempt", async () => {
    const before = await snapshot();
    const foreign: { label: string; headers: Record<string, string>; origin: string }[] = [
      {
        label: "Sec-Fetch-Site cross-site",
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        origin: "https://evil.example",
      },
      {
        label: "sibling subdomain (same-site)",
        headers: { origin: "http://evil.localhost:3000", "sec-fetch-site": "same-site" },
        origin: "http://evil.localhost:3000",
      },
      {
        label: "foreign Origin without Sec-Fetch-Site",
        headers: { origin: "https://evil.example", host: "localhost:3000" },
        origin: "https://evil.example",
      },
      { label: "Origin null (sandboxed frame)", headers: { origin: "null", host: "localhost:3000" }, origin: "null" },
    ];
    for (const route of routes) {
      for (const method of Object.keys(route.handlers) as Method[]) {
        if (method === "GET" || route.pattern === "/api/health") continue;
        const body = bodyOf(route, method);
        for (const f of foreign) {
          const headers: Record<string, string> = {
            cookie: "next-auth.session-token=stolen-by-nobody; ic-locale=en",
            "content-type": body?.contentType ?? "application/json",
            ...f.headers,
          };
          const res = await call(route, method, {
            headers,
            body: body?.contentType.startsWith("application/x-www-form") ? "csrfToken=x&email=a&password=b" : "{}",
          });
          const label = `${method} ${route.pattern}: ${f.label}`;
          count("cross-origin");
          if (route.pattern === "/api/integrations/alertmanager") {
            // bearer-authenticated webhook: no cookie counts there, the missing token does
            expectRefusal(label, res, 401);
            continue;
          }
          if (route.pattern === "/api/test/clock" && res.status === 404) continue;
          expectRefusal(label, res, 403);
          expect.soft(res.json?.error?.reason, label).toBe("cross_origin");
          if (f.origin !== "null") expect.soft(res.json?.error?.message, label).toContain(f.origin);
        }
        // The same foreign page cannot borrow a token it does not have; a script with a token is not a browser:
        if (route.handlers[method]!.shape) {
          const withToken = await call(route, method, {
            headers: {
              authorization: `Bearer ${adminToken}`,
              origin: "https://automation.example",
              "sec-fetch-site": "cross-site",
              "content-type": "application/json",
            },
            body: JSON.stringify({ "bad\u0000key": 1 }), // refused after the origin check, so nothing runs
            query: method === "DELETE" ? "?x=%00" : "",
          });
          expect
            .soft(withToken.json?.error?.reason, `${method} ${route.pattern}: bearer exempt from the origin check`)
            .not.toBe("cross_origin");
          expect.soft(withToken.status, `${method} ${route.pattern}: bearer`).toBeLessThan(500);
          count("bearer-exempt");
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("words the refusals in the asker's language (ic-locale cookie, else Accept-Language, else Korean)", async () => {
    const route = routes.find((r) => r.pattern === "/api/v1/incidents")!;
    const ko = await call(route, "POST", {
      headers: {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        cookie: "ic-locale=ko",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(ko.json?.error?.message).toContain("다른 사이트(https://evil.example)");
    const en = await call(route, "POST", {
      headers: { authorization: `Bearer ${adminToken}`, "accept-language": "en-US,en;q=0.9", "content-type": "application/json" },
      body: '{"title":"\\ud800","severity":"P1"}',
    });
    expect(en.status).toBe(400);
    expect(en.json?.error?.message).toBe(
      "title contains a lone UTF-16 surrogate (half of an emoji or an invalid \\u escape), which is not text: send valid text.",
    );
    const fallback = await call(route, "POST", {
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: '{"title":"a\\u0000","severity":"P1"}',
    });
    expect(fallback.json?.error?.message).toContain("NUL 문자");
  });

  it("reports the figures", () => {
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    const pairs = routes.reduce((n, r) => n + Object.keys(r.handlers).length, 0);
    console.log(
      `[hardening ${DB}] ${routes.length} route files, ${pairs} route+method pairs; ${total} hostile requests: ${JSON.stringify(tally)}`,
    );
    expect(total).toBeGreaterThan(200);
  });
});
