"use client";
import { useState, type RefObject } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { onSubmitRun } from "@/lib/client/forms";
import { apiFetch, queryKeys } from "@/lib/client/api";

export function NoteForm({ incidentId, textareaRef }: { incidentId: number; textareaRef: RefObject<HTMLTextAreaElement | null> }) {
  const t = useTranslations("room");
  const client = useQueryClient();
  const [text, setText] = useState("");
  const post = useMutation({
    mutationFn: () => apiFetch(`/api/v1/incidents/${incidentId}/timeline`, { method: "POST", json: { text } }),
    onSuccess: () => {
      setText("");
      void client.invalidateQueries({ queryKey: queryKeys.timeline(incidentId) });
    },
  });
  return (
    <form
      className="mb-4 flex gap-2"
      onSubmit={onSubmitRun(() => {
        if (text.trim()) post.mutate();
      })}
    >
      <textarea
        ref={textareaRef}
        aria-label={t("addNote")}
        rows={2}
        className="input flex-1"
        placeholder={t("notePlaceholder")}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && text.trim()) post.mutate();
        }}
      />
      <div className="flex flex-col gap-1">
        <button type="submit" className="btn" disabled={post.isPending || !text.trim()}>
          {t("post")}
        </button>
        {post.isError && <span className="text-xs text-red-600">{post.error.message}</span>}
      </div>
    </form>
  );
}
