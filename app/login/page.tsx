import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { oidcConfigured, env } from "@/lib/server/env";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const t = await getTranslations("login");
  const { callbackUrl } = await searchParams;
  // Only same-site paths, never an open redirect.
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/incidents";
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Incident Command</h1>
      <p className="mb-6 text-sm text-slate-500 dark:text-slate-400">{t("title")}</p>
      <LoginForm callbackUrl={target} sso={oidcConfigured() ? env().OIDC_NAME : null} />
    </main>
  );
}
