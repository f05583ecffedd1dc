// Every page requires sign-in. API routes answer 401 JSON themselves (lib/server/api.ts), so they are not redirected.
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/login" },
  secret: process.env.NEXTAUTH_SECRET ?? "incident-command-development-secret-not-for-production",
  callbacks: { authorized: ({ token }) => Boolean(token) },
});

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|login|fonts).*)"],
};
