"use client";
import { signOut } from "next-auth/react";

export function UserMenu({ name, role, roleLabel, signOutLabel }: { name: string; role: string; roleLabel: string; signOutLabel: string }) {
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span data-testid="current-user" data-role={role}>
        {name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{roleLabel}</span>
      </span>
      <button type="button" className="text-slate-500 hover:underline" onClick={() => signOut({ callbackUrl: "/login" })}>
        {signOutLabel}
      </button>
    </div>
  );
}
