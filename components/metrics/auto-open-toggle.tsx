"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { saveAutoOpen } from "./api";

/** Admins choose: P0–P2 rules open incidents by themselves, or wait for one click on the panel. */
export function AutoOpenToggle({ initial, fromDefault }: { initial: boolean; fromDefault: boolean }) {
  const t = useTranslations("metrics.settings");
  const [value, setValue] = useState(initial);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  async function change(next: boolean) {
    setValue(next);
    setState("saving");
    setError(null);
    try {
      setValue((await saveAutoOpen(next)).autoOpen);
      setState("saved");
    } catch (e) {
      setValue(!next);
      setState("idle");
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={value}
          disabled={state === "saving"}
          onChange={(e) => void change(e.target.checked)}
          data-testid="auto-open-toggle"
        />
        <span>{t("autoOpen")}</span>
        {state === "saved" && <span className="text-xs text-emerald-700">{t("saved")}</span>}
      </label>
      <p className="ml-6 text-xs text-slate-500">{fromDefault && state === "idle" ? t("autoOpenDefault") : t("autoOpenHint")}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
