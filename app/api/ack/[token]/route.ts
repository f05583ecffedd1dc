import { errorResponse } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { requestLocale } from "@/lib/server/security/messages";
import { requireSameOrigin } from "@/lib/server/security/origin-check";
import { openAckLink } from "@/lib/server/reach/ack-links";
import { ackOutcomeError } from "@/lib/server/reach/outcome";

export const dynamic = "force-dynamic";

// Opening an acknowledge link (the /ack/{token} page posts here): no session, the signed single-use token is the
// permission. No body is read.
export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const locale = requestLocale(request.headers);
    requireSameOrigin(request, locale);
    const { token } = await context.params;
    const outcome = await openAckLink(token.slice(0, 200));
    if (outcome.state === "acknowledged" || outcome.state === "already") return Response.json(outcome);
    const error: AppError = ackOutcomeError(outcome, locale);
    return Response.json({ ...error.toJSON(), outcome }, { status: error.status });
  } catch (error) {
    return errorResponse(error);
  }
}
