// How an outgoing status webhook is signed (documented in docs/status-page.md). The receiver recomputes
// HMAC-SHA256(secret, `${timestamp}.${raw body}`) and compares it in constant time with the hex in
// `X-Status-Signature: v1=<hex>`; `X-Status-Timestamp` is Unix seconds and should be within 5 minutes.
// The HMAC itself is computed by the caller (server crypto); this module fixes the format.
export const SIGNATURE_HEADER = "x-status-signature";
export const TIMESTAMP_HEADER = "x-status-timestamp";
export const TOLERANCE_SECONDS = 300;

export function signedPayload(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

export function signatureHeader(hex: string): string {
  return `v1=${hex}`;
}

export function parseSignatureHeader(value: string | null): string | null {
  const m = /^v1=([0-9a-f]{64})$/.exec(value?.trim() ?? "");
  return m ? m[1] : null;
}

export function timestampFresh(timestamp: number, nowMs: number): boolean {
  return Number.isInteger(timestamp) && Math.abs(nowMs / 1000 - timestamp) <= TOLERANCE_SECONDS;
}
