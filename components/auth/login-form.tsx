"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

type Props = {
  callbackUrl: string;
  sso: string | null;
  /** a failure code from the URL (?error=…), already checked by the page */
  initialError: string | null;
  /** AUTH_PASSWORD=off: the password form is only for the bootstrap admin and folded away */
  passwordOff: boolean;
};

const KNOWN = new Set(["throttled", "deactivated", "password_disabled"]);

export function LoginForm({ callbackUrl, sso, initialError, passwordOff }: Props) {
  const t = useTranslations("login");
  const e = useTranslations("users.loginErrors");
  const name = sso ?? "SSO";
  const [error, setError] = useState<string | null>(initialError ? e(initialError, { name }) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    try {
      const message = await signInWithPassword(formText(form, "email"), formText(form, "password"));
      if (!message) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(message);
    } catch {
      setError(e("sso_failed", { name: t("submit") }));
    }
    setPending(false);
  }

  /** Posts to next-auth's credentials callback; null on success, else the message to show. */
  async function signInWithPassword(email: string, password: string): Promise<string | null> {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
    });
    if (res.status === 429) {
      const seconds = Number(res.headers.get("retry-after"));
      return Number.isFinite(seconds) && seconds > 0 ? e("throttled", { seconds }) : e("throttledSoon");
    }
    const data = (await res.json().catch(() => ({}))) as { url?: string };
    const code = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "unknown";
    if (res.ok && !code) return null;
    if (code === "throttled") return e("throttledSoon");
    if (code && KNOWN.has(code)) return e(code, { name });
    return t("invalid");
  }

  const passwordForm = (
    <form onSubmit={onSubmit} className="space-y-3" aria-describedby={error ? "login-error" : undefined}>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus={!passwordOff} className="input" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required className="input" />
      </label>
      <button type="submit" disabled={pending} className="btn-primary w-full">
        {t("submit")}
      </button>
    </form>
  );

  return (
    <div className="space-y-4">
      {error && (
        <p
          id="login-error"
          data-testid="login-error"
          role="alert"
          className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300"
        >
          {error}
        </p>
      )}
      {passwordOff && sso ? (
        <>
          <button type="button" className="btn-primary w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            {t("sso", { name: sso })}
          </button>
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-500">{e("adminSignIn")}</summary>
            <p className="my-2 text-xs text-slate-500">{e("passwordOff")}</p>
            {passwordForm}
          </details>
        </>
      ) : (
        <>
          {passwordForm}
          {sso && (
            <>
              <p className="text-center text-xs text-slate-500">{t("or")}</p>
              <button type="button" className="btn w-full" onClick={() => signIn("oidc", { callbackUrl })}>
                {t("sso", { name: sso })}
              </button>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** A text field's value ("" when absent; a file input has no text). */
function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
