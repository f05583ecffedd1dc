import "server-only";
// next-auth configuration: credentials sign-in against bcrypt hashes, optional company OIDC,
// JWT sessions that carry the user's id and role.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import bcrypt from "bcryptjs";
import { prisma } from "./db";
import { env, oidcConfigured } from "./env";
import { isRole, type Role } from "@/lib/domain/roles";

async function authorizeCredentials(credentials: Record<string, string> | undefined) {
  const email = credentials?.email?.trim().toLowerCase();
  const password = credentials?.password ?? "";
  if (!email || !password) return null;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) return null;
  if (!(await bcrypt.compare(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function oidcProvider() {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth" as const,
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"] as ("pkce" | "state")[],
    profile(profile: { sub: string; email?: string; name?: string }) {
      return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? profile.sub };
    },
  };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET ?? devSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: authorizeCredentials,
      }),
      ...(oidcConfigured() ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        // First SSO sign-in creates the user with the configured default role; admins promote later.
        const email = user.email.toLowerCase();
        await prisma.user.upsert({
          where: { email },
          update: {},
          create: { email, name: user.name ?? email, role: env().OIDC_DEFAULT_ROLE },
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          if (account?.provider === "oidc") {
            const dbUser = await prisma.user.findUnique({ where: { email: user.email!.toLowerCase() } });
            token.uid = dbUser?.id;
            token.role = dbUser?.role;
          } else {
            token.uid = user.id;
            token.role = (user as { role?: string }).role;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = (isRole(token.role) ? token.role : "viewer") as Role;
        }
        return session;
      },
    },
  };
}

/** Local development without NEXTAUTH_SECRET still works; production must set it (scripts/start.sh does). */
function devSecret(): string {
  if (env().NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET must be set in production.");
  return "incident-command-development-secret-not-for-production";
}
