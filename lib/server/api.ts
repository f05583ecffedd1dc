import "server-only";
// The one wrapper every JSON route goes through: who is asking, may they, are the body and the query string valid.
// Errors always come back as {"error": {"code", "message", "fields"?}}.
import { z, type ZodType } from "zod";
import { actorFromBearer, actorFromSession, requirePermission, type Actor } from "./actor";
import { AppError } from "./errors";
import { localizeMessage } from "./error-text";
import { requestLocale } from "./security/messages";
import { readTextLimited } from "./security/body";
import { requireSameOrigin } from "./security/origin-check";
import { requireSafeJson, requireSafeStrings, unsafeTextError } from "./security/text-guard";
import type { Permission } from "@/lib/domain/roles";
import { unsafeTextIssueKind } from "@/lib/domain/safe-text";
import type { Locale } from "@/lib/i18n/locales";

export const MAX_BODY_BYTES = 64 * 1024;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

interface Options<B, Q> {
  permission?: Permission;
  body?: ZodType<B>;
  /** the query string as an object of strings (the last value of a repeated name) */
  query?: ZodType<Q>;
}

interface HandlerArgs<B, Q> {
  actor: Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
  request: Request;
}

/** What a route built by apiRoute reads, so tests can enumerate every route's body limit. */
export interface RouteShape {
  acceptsBody: boolean;
  maxBodyBytes: number;
}

export function apiRoute<B = undefined, Q = undefined>(options: Options<B, Q>, handler: (args: HandlerArgs<B, Q>) => Promise<unknown>) {
  const route = async (request: Request, context?: RouteContext): Promise<Response> => {
    const locale = requestLocale(request.headers);
    // A browser always says its language; a script that says none reads the messages as written (English).
    const errorLocale = saysLanguage(request.headers) ? locale : "en";
    try {
      // Cookie-authenticated mutations only from this app's own pages (bearer tokens exempt).
      requireSameOrigin(request, locale);
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      requireSafeStrings([...Object.entries(params), ...new URL(request.url).searchParams], locale);
      const actor = await authenticate(request);
      if (options.permission) requirePermission(actor, options.permission);
      const query = options.query ? parseQuery(request, options.query, locale, errorLocale) : (undefined as Q);
      const body = options.body ? await parseBody(request, options.body, locale, errorLocale) : (undefined as B);
      const result = await handler({ actor, body, query, params, request });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error, errorLocale);
    }
  };
  const shape: RouteShape = { acceptsBody: Boolean(options.body), maxBodyBytes: MAX_BODY_BYTES };
  return Object.assign(route, { shape });
}

async function authenticate(request: Request): Promise<Actor> {
  const bearer = await actorFromBearer(request.headers.get("authorization"));
  if (bearer) return bearer;
  const session = await actorFromSession();
  if (session) return session;
  throw new AppError("unauthorized", "Sign in, or send an API token in the Authorization header (Bearer).");
}

/** The language of an error answer: the asker's, or English (as written) for a script that says none. */
export function errorLocaleOf(headers: Headers): Locale {
  return saysLanguage(headers) ? requestLocale(headers) : "en";
}

function saysLanguage(headers: Headers): boolean {
  return headers.has("accept-language") || /(?:^|;)\s*ic-locale=/.test(headers.get("cookie") ?? "");
}

function parseQuery<Q>(request: Request, schema: ZodType<Q>, locale: Locale, errorLocale: Locale): Q {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams), zodLocale(errorLocale));
  if (!parsed.success) throw validationError(parsed.error, locale);
  return parsed.data;
}

async function parseBody<B>(request: Request, schema: ZodType<B>, locale: Locale, errorLocale: Locale): Promise<B> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", 'Send the body as JSON with "Content-Type: application/json".');
  }
  // Cut off at the limit while the body streams in (chunked bodies included), never buffered whole.
  const text = await readTextLimited(request, MAX_BODY_BYTES, locale);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  requireSafeJson(json, locale);
  const parsed = schema.safeParse(json, zodLocale(errorLocale));
  if (!parsed.success) throw validationError(parsed.error, locale);
  return parsed.data;
}

/** 422 naming each field; 400 when a field holds NUL or a lone surrogate (safeString() in the schema). */
export function validationError(error: z.ZodError, locale: Locale = "en"): AppError {
  for (const issue of error.issues) {
    const kind = unsafeTextIssueKind(issue);
    if (kind) return unsafeTextError(locale, { path: issue.path.length ? issue.path.join(".") : "_", kind });
  }
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] = `Unknown field "${key}".`;
      continue;
    }
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0] ?? "The request is not valid.";
  return new AppError("validation_failed", first, fields);
}

/** Zod's own messages (the ones no schema overrides) in the asker's language. */
const zodLocale = (locale: Locale) => (locale === "ko" ? { error: z.locales.ko().localeError } : undefined);

/**
 * The error as JSON; with the asker's locale, the message and each field's message in their language
 * (lib/server/error-text.ts) while the code stays the same.
 */
export function errorResponse(error: unknown, locale: Locale = "en"): Response {
  if (error instanceof AppError) {
    // A body cut off mid-stream leaves the rest of the upload on the wire: close instead of reading it.
    const headers = error.code === "payload_too_large" ? { connection: "close" } : undefined;
    const json = error.toJSON();
    json.error.message = localizeMessage(json.error.message, locale);
    if (json.error.fields)
      json.error.fields = Object.fromEntries(Object.entries(json.error.fields).map(([k, v]) => [k, localizeMessage(v, locale)]));
    return Response.json(json, { status: error.status, headers });
  }
  console.error("[api] unexpected error", error instanceof Error ? error.stack : error);
  return Response.json(
    { error: { code: "internal", message: localizeMessage("Something went wrong on the server; it has been logged.", locale) } },
    { status: 500 },
  );
}

/** Parses a positive integer path id or fails with 404 (an id that cannot exist is simply not found). */
/**
 * A provider's webhook route (lib/server/reach/inbound.ts): authenticated by the provider's request signature,
 * not by a session or an API token; a thrown error is answered as every route answers it.
 */
export function providerWebhook(handle: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function incidentIdParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new AppError("not_found", `Incident ${raw.slice(0, 40)} not found.`);
  return Number(raw);
}
