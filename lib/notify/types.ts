import "server-only";
// The one interface every delivery adapter implements. `send` never throws: failures come back as data
// so the outbox can apply the retry policy (lib/domain/notification-plan) without try/catch everywhere.
import type { Delivery, SendResult } from "@/lib/domain/notification-plan";
import type { NotifierKind } from "@/lib/domain/paging-readiness";

export type { Delivery, SendResult, SendFailure } from "@/lib/domain/notification-plan";

export type { NotifierKind } from "@/lib/domain/paging-readiness";

export interface Notifier {
  kind: NotifierKind;
  send(delivery: Delivery): Promise<SendResult>;
}

/** The default per-request timeout: a hung provider must not hold a deliverer's slot for minutes. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** fetch and socket errors are transient by nature (DNS blip, reset, timeout): retry them. */
export function networkFailure(error: unknown): SendResult {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return { ok: false, retryable: true, error: `network error: ${message}${cause}` };
}

export function wrongChannel(kind: NotifierKind, delivery: Delivery): SendResult {
  return { ok: false, retryable: false, error: `the ${kind} notifier cannot send a ${delivery.channel} delivery` };
}

/** Read a response body as text without letting a huge or broken body turn into an exception. */
export async function bodyText(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 2000);
  } catch {
    return "";
  }
}
