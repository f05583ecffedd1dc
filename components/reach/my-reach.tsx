"use client";
// My contact methods on my profile: which are verified (a test page through it was acknowledged, or a code sent
// through it typed back), a code to verify my email or phone, and "Send me a test page".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { apiFetch } from "@/lib/client/api";
import type { PersonReadiness } from "@/lib/domain/reach/readiness";
import { formatAckTime } from "./ack-result";
import { MethodList } from "./method-list";
import { VerifyByCode } from "./verify-code";
import { MyPanel } from "@/components/ui/my-panel";
import { QueryState } from "@/components/ui/query-state";
import { MutationButton } from "@/components/ui/mutation-button";

const KEY = ["reach", "me"] as const;

export function MyReach() {
  const t = useTranslations("reach.me");
  const locale = useLocale();
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiFetch<PersonReadiness | null>("/api/v1/me/reach", { signal }),
    refetchInterval: 15_000,
  });
  const send = useMutation({
    mutationFn: () => apiFetch<{ sentAt: string; channels: string[]; pushDevices: number }>("/api/v1/me/test-page", { method: "POST" }),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: ["push", "devices"] })]),
  });
  return (
    <MyPanel id="my-reach" testId="my-reach" title={t("title")} help={t("help")}>
      <QueryState query={mine} look="mine" words={{ loading: t("loading"), failed: (message) => t("loadError", { message }) }}>
        {(me) =>
          me && (
            <>
              <MethodList methods={me.methods} />
              <VerifyByCode methods={me.methods} queryKey={KEY} />
              <p className="text-sm" data-testid="last-test-ack">
                {me.lastTestAckAt ? t("lastAck", { at: formatAckTime(me.lastTestAckAt, locale) }) : t("neverAcked")}
              </p>
            </>
          )
        }
      </QueryState>
      <div className="flex flex-wrap items-center gap-2">
        <MutationButton
          mutation={send}
          className="rounded bg-blue-700 px-3 py-2 text-sm text-white disabled:opacity-60"
          busyLabel={t("sending")}
        >
          {t("send")}
        </MutationButton>
        {send.isSuccess && (
          <span role="status" className="text-sm" data-testid="test-page-sent">
            {send.data.channels.length + send.data.pushDevices > 0
              ? t("sent", { count: send.data.channels.length + send.data.pushDevices })
              : t("nothingToSend")}
          </span>
        )}
        {send.isError && (
          <span role="alert" className="text-sm text-red-700 dark:text-red-400">
            {t("sendError", { message: send.error.message })}
          </span>
        )}
      </div>
    </MyPanel>
  );
}
