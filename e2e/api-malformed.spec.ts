import { expect, test, type APIRequestContext } from "@playwright/test";
import { stateFile } from "./support/auth";
import { dbSnapshot } from "./support/db-snapshot";

// Every API route, fed garbage: each answer is a 4xx with {"error": {"code", "message"}} and the
// database is exactly as before.
const HUGE = "x".repeat(1024 * 1024);

type Call = {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: string;
  headers?: Record<string, string>;
  as?: "admin" | "viewer" | "anonymous" | "commander";
};

function casesFor(incidentId: number, version: number): Call[] {
  const json = { "content-type": "application/json" };
  const inc = `/api/v1/incidents/${incidentId}`;
  /** A call with a JSON body, made by the commander unless `as` names someone else. */
  const jsonCall = (name: string, method: Call["method"], path: string, data: unknown, as?: Call["as"]): Call => ({
    name,
    method,
    path,
    body: JSON.stringify(data),
    headers: json,
    ...(as ? { as } : {}),
  });
  const bodies = (path: string, method: Call["method"], valid: Record<string, unknown>, label: string): Call[] => [
    { name: `${label}: invalid JSON`, method, path, body: "{title: nope", headers: json },
    {
      name: `${label}: not JSON content type`,
      method,
      path,
      body: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    },
    { name: `${label}: array instead of object`, method, path, body: "[1,2,3]", headers: json },
    { name: `${label}: null body`, method, path, body: "null", headers: json },
    { name: `${label}: unknown field`, method, path, body: JSON.stringify({ ...valid, extra: true }), headers: json },
    {
      name: `${label}: 1 MB string`,
      method,
      path,
      body: JSON.stringify(Object.fromEntries(Object.keys(valid).map((k) => [k, HUGE]))),
      headers: json,
    },
    {
      name: `${label}: wrong types`,
      method,
      path,
      body: JSON.stringify(Object.fromEntries(Object.keys(valid).map((k) => [k, { nested: [1] }]))),
      headers: json,
    },
    { name: `${label}: missing fields`, method, path, body: "{}", headers: json },
    { name: `${label}: no session`, method, path, body: JSON.stringify(valid), headers: json, as: "anonymous" },
  ];
  return [
    ...bodies("/api/v1/incidents", "POST", { title: "ok", severity: "P1" }, "declare"),
    jsonCall("declare: unknown severity", "POST", "/api/v1/incidents", { title: "x", severity: "P9" }),
    jsonCall("declare: blank title", "POST", "/api/v1/incidents", { title: "   ", severity: "P1" }),
    jsonCall("declare: unknown scenario", "POST", "/api/v1/incidents", { title: "x", severity: "P1", scenario: "nope" }),
    jsonCall("declare: wrong role", "POST", "/api/v1/incidents", { title: "x", severity: "P1" }, "viewer"),
    { name: "list: bad status filter", method: "GET", path: "/api/v1/incidents?status=everything" },
    { name: "list: no session", method: "GET", path: "/api/v1/incidents", as: "anonymous" },
    { name: "read: non-numeric id", method: "GET", path: "/api/v1/incidents/abc" },
    { name: "read: missing incident", method: "GET", path: "/api/v1/incidents/99999999" },
    ...bodies(inc, "PATCH", { status: "identified", version }, "change"),
    jsonCall("change: illegal status jump", "PATCH", inc, { status: "investigating", version }),
    jsonCall("change: severity without reason", "PATCH", inc, { severity: "P0", version }),
    jsonCall("change: stale version", "PATCH", inc, { status: "resolved", version: version + 7 }),
    jsonCall("change: unknown commander", "PATCH", inc, { commanderId: "nobody", version }),
    jsonCall("change: wrong role", "PATCH", inc, { status: "resolved", version }, "viewer"),
    jsonCall("change: missing incident", "PATCH", "/api/v1/incidents/99999999", { status: "resolved", version: 1 }),
    ...bodies(`${inc}/timeline`, "POST", { text: "note" }, "note"),
    jsonCall("note: blank text", "POST", `${inc}/timeline`, { text: "  " }),
    jsonCall("note: wrong role", "POST", `${inc}/timeline`, { text: "hi" }, "viewer"),
    { name: "timeline: missing incident", method: "GET", path: "/api/v1/incidents/99999999/timeline" },
    ...bodies("/api/v1/tokens", "POST", { name: "bot", role: "responder" }, "token create").map((c) => ({
      ...c,
      as: c.as ?? ("admin" as const),
    })),
    jsonCall("token create: unknown role", "POST", "/api/v1/tokens", { name: "bot", role: "root" }, "admin"),
    jsonCall("token create: wrong role", "POST", "/api/v1/tokens", { name: "bot", role: "admin" }, "commander"),
    { name: "token list: wrong role", method: "GET", path: "/api/v1/tokens", as: "viewer" },
    { name: "token revoke: unknown id", method: "DELETE", path: "/api/v1/tokens/does-not-exist", as: "admin" },
    { name: "token revoke: wrong role", method: "DELETE", path: "/api/v1/tokens/does-not-exist", as: "commander" },
    { name: "users: no session", method: "GET", path: "/api/v1/users", as: "anonymous" },
    ...bodies("/api/v1/users/nobody", "PATCH", { role: "viewer" }, "user change").map((c) => ({ ...c, as: c.as ?? ("admin" as const) })),
    jsonCall("user change: wrong role", "PATCH", "/api/v1/users/nobody", { role: "viewer" }, "commander"),
    jsonCall("user change: unknown user", "PATCH", "/api/v1/users/nobody", { active: false }, "admin"),
    { name: "users all: wrong role", method: "GET", path: "/api/v1/users?all", as: "viewer" },
    { name: "user sign-out: unknown user", method: "POST", path: "/api/v1/users/nobody/sign-out", as: "admin" },
    { name: "user sign-out: someone else, wrong role", method: "POST", path: "/api/v1/users/nobody/sign-out", as: "commander" },
    ...bodies("/api/v1/users/nobody/identities", "POST", { subject: "sub-1" }, "identity link").map((c) => ({
      ...c,
      as: c.as ?? ("admin" as const),
    })),
    ...bodies("/api/v1/me", "PATCH", { locale: "en" }, "me"),
    jsonCall("me: unknown locale", "PATCH", "/api/v1/me", { locale: "fr" }),
    { name: "stream: bad topics", method: "GET", path: "/api/v1/stream?topics=DROP TABLE" },
    { name: "stream: no session", method: "GET", path: "/api/v1/stream?topics=incidents", as: "anonymous" },
    {
      name: "bearer: unknown token",
      method: "GET",
      path: "/api/v1/incidents",
      headers: { authorization: "Bearer ic_not-a-real-token" },
      as: "anonymous",
    },
    {
      name: "bearer: malformed header",
      method: "GET",
      path: "/api/v1/incidents",
      headers: { authorization: "Token abc def" },
      as: "anonymous",
    },
    jsonCall("test clock: negative advance", "POST", "/api/test/clock", { advanceMs: -5 }),
    { name: "test clock: invalid JSON", method: "POST", path: "/api/test/clock", body: "{", headers: json },
  ];
}

// The server refuses an oversized upload without reading it and closes the connection; when the kernel
// resets the socket while the client is still writing, the 413 it already sent can be lost on the wire
// (EPIPE/ECONNRESET) — a TCP race, not an answer. Such a call writes nothing, so it is sent again; the
// test still fails unless a 4xx with the error shape arrives within three tries.
async function fetchRefusedUpload(ctx: APIRequestContext, call: Call) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.fetch(call.path, { method: call.method, data: call.body, headers: call.headers });
    } catch (error) {
      const reset = /EPIPE|ECONNRESET|socket hang up/.test(String(error));
      if (!reset || (call.body?.length ?? 0) <= 64 * 1024 || attempt === 3) throw error;
    }
  }
}

test("every API route answers malformed requests with a 4xx error shape and writes nothing", async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const contexts: Record<string, APIRequestContext> = {};
  for (const role of ["admin", "viewer", "commander"] as const) {
    contexts[role] = await playwright.request.newContext({ baseURL, storageState: stateFile(role) });
  }
  contexts.anonymous = await playwright.request.newContext({ baseURL });
  const created = await contexts.commander.post("/api/v1/incidents", { data: { title: "Target of malformed requests", severity: "P2" } });
  const incident = await created.json();

  const before = await dbSnapshot();
  const failures: string[] = [];
  for (const call of casesFor(incident.id, incident.version)) {
    const ctx = contexts[call.as ?? "commander"];
    const res = await fetchRefusedUpload(ctx, call);
    const status = res.status();
    const text = await res.text();
    let shapeOk: boolean;
    try {
      const body = JSON.parse(text);
      shapeOk = typeof body?.error?.code === "string" && typeof body?.error?.message === "string" && body.error.message.length > 0;
    } catch {
      shapeOk = false;
    }
    if (status < 400 || status >= 500 || !shapeOk) failures.push(`${call.name}: ${status} ${text.slice(0, 120)}`);
  }
  expect(failures).toEqual([]);
  expect(await dbSnapshot()).toEqual(before);
  for (const ctx of Object.values(contexts)) await ctx.dispose();
});

test("API tokens: created by an admin and shown once, bound to a role, refused once revoked", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, storageState: stateFile("admin") });
  const created = await admin.post("/api/v1/tokens", { data: { name: "chatops", role: "responder" } });
  expect(created.status()).toBe(201);
  const { id, token } = await created.json();
  expect(token).toMatch(/^ic_/);
  const listed = await (await admin.get("/api/v1/tokens")).json();
  expect(JSON.stringify(listed)).not.toContain(token);

  const bot = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const declared = await bot.post("/api/v1/incidents", { data: { title: "Declared by chatops", severity: "P3" } });
  expect(declared.status()).toBe(201);
  expect((await declared.json()).source).toBe("api");
  expect((await bot.post("/api/v1/tokens", { data: { name: "escalate", role: "admin" } })).status()).toBe(403);

  expect((await admin.delete(`/api/v1/tokens/${id}`)).status()).toBe(204);
  const refused = await bot.get("/api/v1/incidents");
  expect(refused.status()).toBe(401);
  await bot.dispose();
  await admin.dispose();
});

test("health answers without sign-in and reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: { reachable: true } });
});
