"use client";
import { useState } from "react";
import { signIn, signOut } from "next-auth/react";
import { apiFetch } from "@/lib/client/api";

export function SecurityActions({ userId, linkLabel, signOutLabel }: { userId: string; linkLabel: string | null; signOutLabel: string }) {
  const [error, setError] = useState<string | null>(null);
  async function link() {
    setError(null);
    try {
      await apiFetch("/api/v1/me/sso-link", { method: "POST" });
      await signIn("oidc", { callbackUrl: "/settings?linked=1" });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  async function signOutEverywhere() {
    setError(null);
    try {
      await apiFetch(`/api/v1/users/${userId}/sign-out`, { method: "POST" });
      await signOut({ callbackUrl: "/login" });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="flex flex-wrap gap-2 text-sm">
      {linkLabel && (
        <button type="button" className="btn" onClick={() => void link()}>
          {linkLabel}
        </button>
      )}
      <button type="button" className="btn" onClick={() => void signOutEverywhere()}>
        {signOutLabel}
      </button>
      {error && <p className="field-error w-full">{error}</p>}
    </div>
  );
}
