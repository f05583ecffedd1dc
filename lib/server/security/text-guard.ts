import "server-only";
// NUL and lone surrogates refused with 400 naming the field, before any schema or database sees them.
import { AppError } from "../errors";
import { securityMessages } from "./messages";
import { findUnsafeText, unsafeTextKind, type UnsafeTextFinding } from "@/lib/domain/safe-text";
import type { Locale } from "@/lib/i18n/locales";

export function unsafeTextError(locale: Locale, finding: UnsafeTextFinding): AppError {
  const message = securityMessages.unsafeText(locale, finding.path, finding.kind);
  return new AppError("bad_request", message, { [finding.path]: message }, { reason: `unsafe_text_${finding.kind}` });
}

/** Throws 400 if any string in the parsed JSON value (keys included) holds NUL or a lone surrogate. */
export function requireSafeJson(value: unknown, locale: Locale): void {
  const found = findUnsafeText(value);
  if (found) throw unsafeTextError(locale, found);
}

/** Same for named strings such as path parameters and query parameters. */
export function requireSafeStrings(entries: Iterable<[string, string]>, locale: Locale): void {
  for (const [name, value] of entries) {
    const kind = unsafeTextKind(value) ?? unsafeTextKind(name);
    // eslint-disable-next-line no-control-regex -- replacing the NUL character is the point of this line
    if (kind) throw unsafeTextError(locale, { path: name.replace(/[\u0000\ud800-\udfff]/g, "\ufffd"), kind });
  }
}

/** For raw JSON text parsed elsewhere: checks it when it parses (the parser reports bad JSON itself). */
export function requireSafeJsonText(text: string, locale: Locale): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  requireSafeJson(value, locale);
}
