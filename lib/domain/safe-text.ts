// Text a person or a machine sends must be storable the same way on SQLite and PostgreSQL. Two things
// are not: a NUL character (PostgreSQL refuses it in text columns, SQLite stores it and cuts strings
// at it elsewhere) and a lone UTF-16 surrogate ("\ud800" in JSON: not a character, no UTF-8 form, so
// the driver throws). Both are refused at the edge with a 400 naming the field, identically on both
// databases. `safeString()` is the z.string() every input schema uses; `findUnsafeText` walks a whole JSON
// value (keys included) for the places a schema accepts arbitrary JSON.
import { z } from "zod";

export type UnsafeTextKind = "nul" | "surrogate";

/** The issue param a refused string carries, so the server can word the message in the user's language. */
export const UNSAFE_TEXT_PARAM = "unsafeText";

export const UNSAFE_TEXT_MESSAGE: Record<UnsafeTextKind, string> = {
  nul: "contains a NUL character (U+0000), which cannot be stored: remove it and send again.",
  surrogate: "contains a lone UTF-16 surrogate (half of an emoji or an invalid \\u escape), which is not text: send valid UTF-8/UTF-16.",
};

// Without the u flag a regex sees UTF-16 code units: a high surrogate not followed by a low one, or a
// low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unsafeTextKind(value: string): UnsafeTextKind | null {
  if (value.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(value)) return "surrogate";
  return null;
}

export interface UnsafeTextFinding {
  /** dotted path of the field ("sections.summary", "alerts.0.labels.team"); "_" for the whole value */
  path: string;
  kind: UnsafeTextKind;
}

/** The first string (value or object key) in a JSON value that cannot be stored, or null. */
export function findUnsafeText(value: unknown, path: readonly (string | number)[] = []): UnsafeTextFinding | null {
  const at = (p: readonly (string | number)[]) => (p.length ? p.join(".") : "_");
  if (typeof value === "string") {
    const kind = unsafeTextKind(value);
    return kind ? { path: at(path), kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const keyKind = unsafeTextKind(key);
      // the key itself is the field: name it by a readable form of the key
      // eslint-disable-next-line no-control-regex -- replacing the NUL character is the point of this line
      if (keyKind) return { path: at([...path, key.replace(/[\u0000\ud800-\udfff]/g, "\ufffd")]), kind: keyKind };
      const found = findUnsafeText(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

type StringParams = Parameters<typeof z.string>[0];

/** z.string() that refuses NUL and lone surrogates (checked first, before trim/min/max). */
export function safeString(params?: StringParams) {
  return z.string(params).superRefine((value, ctx) => {
    const kind = unsafeTextKind(value);
    if (kind) ctx.addIssue({ code: "custom", message: UNSAFE_TEXT_MESSAGE[kind], params: { [UNSAFE_TEXT_PARAM]: kind }, continue: false });
  });
}

/** The kind of a zod issue raised by `safeString()`, or null for any other issue. */
export function unsafeTextIssueKind(issue: z.core.$ZodIssue): UnsafeTextKind | null {
  if (issue.code !== "custom") return null;
  const kind = (issue.params as Record<string, unknown> | undefined)?.[UNSAFE_TEXT_PARAM];
  return kind === "nul" || kind === "surrogate" ? kind : null;
}
