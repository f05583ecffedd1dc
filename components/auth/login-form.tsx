"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

export function LoginForm({ callbackUrl, sso }: { callbackUrl: string; sso: string | null }) {
  const t = useTranslations("login");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (res && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(t("invalid"));
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" aria-describedby={error ? "login-error" : undefined}>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t("email")}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus className="input" />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t("password")}</span>
          <input name="password" type="password" autoComplete="current-password" required className="input" />
        </label>
        {error && (
          <p id="login-error" data-testid="login-error" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <button type="submit" disabled={pending} className="btn-primary w-full">
          {t("submit")}
        </button>
      </form>
      {sso && (
        <>
          <p className="text-center text-xs text-slate-500">{t("or")}</p>
          <button type="button" className="btn w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            {t("sso", { name: sso })}
          </button>
        </>
      )}
    </div>
  );
}
