import { z } from "zod";
import { advanceClock, now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import { errorResponse, MAX_BODY_BYTES, validationError } from "@/lib/server/api";
import { requestLocale } from "@/lib/server/security/messages";
import { readTextLimited } from "@/lib/server/security/body";
import { requireSameOrigin } from "@/lib/server/security/origin-check";
import { requireSafeJsonText } from "@/lib/server/security/text-guard";
import { AppError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

const input = z.strictObject({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600_000),
});

// Test-only clock control: exists only when the server is started with ALLOW_TEST_CLOCK=1.
export async function POST(request: Request) {
  if (!env().ALLOW_TEST_CLOCK) return new Response("Not Found", { status: 404 });
  try {
    const locale = requestLocale(request.headers);
    requireSameOrigin(request, locale);
    const text = await readTextLimited(request, MAX_BODY_BYTES, locale);
    requireSafeJsonText(text, locale);
    const parsed = input.safeParse(
      (() => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return null;
        }
      })(),
    );
    if (!parsed.success) throw validationError(parsed.error);
    return Response.json({ now: advanceClock(parsed.data.advanceMs).toISOString() });
  } catch (error) {
    return errorResponse(error instanceof Error && !(error instanceof AppError) ? new AppError("bad_request", error.message) : error);
  }
}

export async function GET() {
  if (!env().ALLOW_TEST_CLOCK) return new Response("Not Found", { status: 404 });
  return Response.json({ now: now().toISOString() });
}
