import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { oidcConfigured, env } from "@/lib/server/env";
import { isSsoFailure } from "@/lib/domain/sign-in";

export const dynamic = "force-dynamic";

const PASSWORD_ERRORS = new Set(["deactivated", "password_disabled"]);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const t = await getTranslations("login");
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths, never an open redirect.
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/incidents";
  // next-auth's own codes for a provider failure that our route could not classify mean "SSO failed".
  const generic =
    error && ["OAuthSignin", "OAuthCallback", "Callback", "AccessDenied", "Configuration", "OAuthAccountNotLinked"].includes(error);
  const initialError = isSsoFailure(error) || (error && PASSWORD_ERRORS.has(error)) ? error : generic ? "sso_failed" : null;
  const sso = oidcConfigured();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Incident Command</h1>
      <p className="mb-6 text-sm text-slate-500 dark:text-slate-400">{t("title")}</p>
      <LoginForm
        callbackUrl={target}
        sso={sso ? env().OIDC_NAME : null}
        initialError={initialError ?? null}
        passwordOff={sso && env().AUTH_PASSWORD === "off"}
      />
    </main>
  );
}
