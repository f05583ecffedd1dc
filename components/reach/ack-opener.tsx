"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { AckOutcome } from "@/lib/server/reach/ack-links";
import { AckResult } from "./ack-result";

type State = { kind: "working" } | { kind: "done"; outcome: AckOutcome } | { kind: "failed"; message: string };

/** Posts the link once when the page runs (never on a bare fetch of the URL), then shows what happened. */
export function AckOpener({ token, locale }: { token: string; locale: string }) {
  const t = useTranslations("reach.page");
  const [state, setState] = useState<State>({ kind: "working" });
  const started = useRef(false);
  const open = useCallback(async () => {
    setState({ kind: "working" });
    try {
      const response = await fetch(`/api/ack/${encodeURIComponent(token)}`, { method: "POST" });
      const json = (await response.json()) as AckOutcome & { outcome?: AckOutcome; error?: { message?: string } };
      if (response.ok) setState({ kind: "done", outcome: json });
      else if (json.outcome) setState({ kind: "done", outcome: json.outcome });
      else setState({ kind: "failed", message: json.error?.message ?? `HTTP ${response.status}` });
    } catch (error) {
      setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }, [token]);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void open();
  }, [open]);
  if (state.kind === "done") return <AckResult outcome={state.outcome} locale={locale} />;
  if (state.kind === "failed")
    return (
      <div role="alert" className="flex flex-col gap-2">
        <p>{t("failed", { message: state.message })}</p>
        <button type="button" onClick={() => void open()} className="self-start rounded bg-blue-700 px-3 py-2 text-white">
          {t("retry")}
        </button>
      </div>
    );
  return (
    <p role="status" data-testid="ack-working">
      {t("working")}
    </p>
  );
}
