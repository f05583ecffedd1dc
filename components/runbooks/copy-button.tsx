"use client";
// Copies a command to the clipboard. The app never runs commands: people copy and run them themselves.
import { useState } from "react";
import { useTranslations } from "next-intl";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http deployments have no Clipboard API: fall back to a selected, off-screen textarea.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.left = "-9999px";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const t = useTranslations("diagnostics.runbook");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const onClick = () => {
    copyText(text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
    setTimeout(() => setState("idle"), 1_500);
  };
  return (
    <button type="button" onClick={onClick} className="btn shrink-0 px-2 py-0.5 text-xs" data-testid={testId} aria-live="polite">
      {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : t("copy")}
    </button>
  );
}
