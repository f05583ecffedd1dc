import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth-options";
import { guardAuthPost } from "@/lib/server/security/auth-route";
import { authFailure } from "@/lib/server/sso";
import { throttledSignIn, withFailureReason } from "@/lib/server/auth-route";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth plus what it lacks: 429 + Retry-After for throttled password sign-ins, and the precise reason of an SSO
// failure (unreachable, cancelled, misconfigured, …) carried to the login page instead of a bare code. POSTs first
// pass the same-origin check and the streamed body limit (guardAuthPost).
async function handler(req: Request, ctx: Ctx) {
  const throttled = await throttledSignIn(req);
  if (throttled) return throttled;
  const store: { failure?: never } = {};
  const response = await authFailure.run(store, () => NextAuth(authOptions())(req, ctx) as Promise<Response>);
  return withFailureReason(response, store);
}

const post = guardAuthPost(handler);
export { handler as GET, post as POST };
