// The calendar apps' URL: /api/calendar/<secret>.ics, no sign-in (the secret is the credential).
import { errorResponse } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { renderFeed } from "@/lib/server/oncall/feeds";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    const match = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec((await context.params).file);
    if (!match) throw new AppError("not_found", "Calendar feed not found.");
    return new Response(await renderFeed(match[1]), {
      headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
