"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { apiFetch } from "@/lib/client/api";

export function LanguageForm({ current }: { current: "ko" | "en" | "auto" }) {
  const t = useTranslations("settings");
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  async function save(next: "ko" | "en" | "auto") {
    setValue(next);
    try {
      await apiFetch("/api/v1/me", { method: "PATCH", json: { locale: next } });
      window.location.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("language")}</span>
      <select
        className="input w-auto"
        value={value}
        onChange={(e) => save(e.target.value as "ko" | "en" | "auto")}
        data-testid="language-select"
      >
        <option value="auto">{t("auto")}</option>
        <option value="ko">한국어</option>
        <option value="en">English</option>
      </select>
      {error && <span className="text-red-600">{error}</span>}
    </label>
  );
}
