import "server-only";
// The one wrapper every JSON route goes through: who is asking, may they, is the body valid.
// Errors always come back as {"error": {"code", "message", "fields"?}}.
import { z, type ZodType } from "zod";
import { actorFromBearer, actorFromSession, requirePermission, type Actor } from "./actor";
import { AppError } from "./errors";
import type { Permission } from "@/lib/domain/roles";

export const MAX_BODY_BYTES = 64 * 1024;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

interface Options<B> {
  permission?: Permission;
  body?: ZodType<B>;
  /** routes that authenticate on their own (e.g. the Alertmanager webhook) */
  public?: boolean;
}

interface HandlerArgs<B> {
  actor: Actor;
  body: B;
  params: Record<string, string>;
  request: Request;
}

export function apiRoute<B = undefined>(options: Options<B>, handler: (args: HandlerArgs<B>) => Promise<Response | unknown>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      if (options.permission) requirePermission(actor, options.permission);
      const body = options.body ? await parseBody(request, options.body) : (undefined as B);
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      const result = await handler({ actor, body, params, request });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function authenticate(request: Request): Promise<Actor> {
  const bearer = await actorFromBearer(request.headers.get("authorization"));
  if (bearer) return bearer;
  const session = await actorFromSession();
  if (session) return session;
  throw new AppError("unauthorized", "Sign in, or send an API token as \"Authorization: Bearer <token>\".");
}

async function parseBody<B>(request: Request, schema: ZodType<B>): Promise<B> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with \"Content-Type: application/json\".");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);

export function validationError(error: z.ZodError): AppError {
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

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(error.toJSON(), { status: error.status });
  console.error("[api] unexpected error", error instanceof Error ? error.stack : error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on the server; it has been logged." } }, { status: 500 });
}

/** Parses a positive integer path id or fails with 404 (an id that cannot exist is simply not found). */
export function incidentIdParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new AppError("not_found", `Incident ${raw.slice(0, 40)} not found.`);
  return Number(raw);
}
