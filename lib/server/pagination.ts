import "server-only";
// Cursor pages for every list of the API ({items, nextCursor?}, DESIGN.md). A cursor is the keyset of the last
// item of a page (its sort columns and id), base64url JSON: opaque to clients, stable while rows are added, and
// checked on the way back in, so a cursor that is not one of ours is a 400 in the asker's language instead of a
// silently empty or restarted list.
import { z } from "zod";
import { AppError } from "./errors";
import { requestLocale, securityMessages } from "./security/messages";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** `limit` in a list's query string: 1–500 (422 otherwise). */
export const limitParam = z.coerce
  .number({ error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  .int({ error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  .min(1, { error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  .max(MAX_PAGE_SIZE, { error: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.` })
  .optional();

/** `cursor` in a list's query string: read as text here, decoded by decodeCursor. */
export const cursorParam = z.string().max(400).optional();

export type CursorValue = string | number;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/**
 * The keyset back from a cursor, or a 400 when it is not one of ours. `shape` names each position's type:
 * "s" any string, "d" an ISO time, "n" a whole number.
 */
export function decodeCursor(raw: string, shape: readonly ("s" | "d" | "n")[], request: Request): CursorValue[] {
  const values = tryDecode(raw, shape);
  if (!values) throw invalidCursor(request);
  return values;
}

/**
 * The rows after a keyset in a multi-column order, as a Prisma filter: (a > x) OR (a = x AND b > y) OR (a = x AND
 * b = y AND c > z) … — each column with its direction ("gt" ascending, "lt" descending). `W`: the model's where type.
 */
export function afterKeyset<W>(keys: readonly (readonly [column: string, direction: "gt" | "lt", value: unknown])[]): W {
  const OR = keys.map(([column, direction, value], i) => ({
    ...Object.fromEntries(keys.slice(0, i).map(([c, , v]) => [c, v])),
    [column]: { [direction]: value },
  }));
  return { OR } as W;
}

export function invalidCursor(request: Request): AppError {
  const message = securityMessages.invalidCursor(requestLocale(request.headers));
  return new AppError("bad_request", message, { cursor: message });
}

function tryDecode(raw: string, shape: readonly ("s" | "d" | "n")[]): CursorValue[] | null {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) return null;
  const ok = parsed.every((v: unknown, i) => {
    const kind = shape[i];
    if (kind === "n") return typeof v === "number" && Number.isSafeInteger(v);
    if (typeof v !== "string" || v.length > 200) return false;
    return kind === "s" || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v);
  });
  return ok ? (parsed as CursorValue[]) : null;
}

/** The page and the cursor of its last item when more rows were found than the page holds (rows = limit + 1). */
export function pageOf<R, T>(rows: R[], limit: number, toItem: (row: R) => T, keyOf: (row: R) => CursorValue[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), ...(rows.length > limit && last ? { nextCursor: encodeCursor(keyOf(last)) } : {}) };
}
