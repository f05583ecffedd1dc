"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { useHydrated } from "@/lib/client/use-hydrated";

/** Where to go after sign-out: the SSO provider's logout (RP-initiated) for SSO sessions, else the login page. */
async function logoutTarget(): Promise<string> {
  try {
    const res = await fetch("/api/v1/me/sign-out", { method: "POST" });
    const data = (await res.json()) as { url?: unknown };
    return typeof data.url === "string" ? data.url : "/login";
  } catch {
    return "/login";
  }
}

export function UserMenu({ name, role, roleLabel, signOutLabel }: { name: string; role: string; roleLabel: string; signOutLabel: string }) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  async function onSignOut() {
    setPending(true);
    const target = await logoutTarget();
    await signOut({ redirect: false });
    window.location.assign(target);
  }
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span data-testid="current-user" data-role={role}>
        {name}{" "}
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{roleLabel}</span>
      </span>
      <button type="button" className="text-slate-500 hover:underline" disabled={pending || !hydrated} onClick={() => void onSignOut()}>
        {signOutLabel}
      </button>
    </div>
  );
}
