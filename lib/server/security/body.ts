import "server-only";
// Request bodies are read with their limit enforced WHILE they stream in: a declared Content-Length over
// the limit is refused before a byte is read, and a chunked body (no Content-Length) is read chunk by
// chunk and cut off — no further chunk pulled — as soon as it passes the limit. Nothing is buffered beyond
// limit + one chunk, so a 200 MB upload costs at most that, whatever its framing.
import { AppError } from "../errors";
import { securityMessages } from "./messages";
import type { Locale } from "@/lib/i18n/locales";

export function payloadTooLarge(locale: Locale, limitBytes: number): AppError {
  return new AppError("payload_too_large", securityMessages.bodyTooLarge(locale, limitBytes), undefined, { limitBytes });
}

/** The body's bytes, at most `limitBytes`; throws 413 (payload_too_large) as soon as more arrive. */
export async function readBodyLimited(request: Request, limitBytes: number, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes) throw payloadTooLarge(locale, limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      // Stop pulling: the rest of the upload is never read into memory. Not cancel(): that destroys the
      // request and with it the socket before the 413 is written; the 413 goes out with Connection: close.
      reader.releaseLock();
      throw payloadTooLarge(locale, limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (invalid bytes become U+FFFD), read with the limit enforced while streaming. */
export async function readTextLimited(request: Request, limitBytes: number, locale: Locale): Promise<string> {
  return new TextDecoder("utf-8").decode(await readBodyLimited(request, limitBytes, locale));
}
