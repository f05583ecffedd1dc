import { apiRoute } from "@/lib/server/api";
import { sendVerificationCode } from "@/lib/server/reach/verify";

/** Sends a 6-digit code through one of my contact methods (email, sms); typing it back verifies the method. */
export const POST = apiRoute({}, async ({ actor, params }) =>
  Response.json(await sendVerificationCode(actor, params.channel), { status: 201 }),
);
