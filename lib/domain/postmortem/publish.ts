// Postmortem workflow: draft → in_review → published.
//
// Decisions (each has a test):
// - draft → in_review ("submit") needs every required field filled: a reviewer should read a complete
//   report, not chase blanks. Any editor (postmortem.edit) may submit.
// - in_review → draft ("request changes" / "withdraw") is always allowed for editors.
// - in_review → published needs the required fields again (they may have been edited during review)
//   and an admin or commander: publishing is the team's sign-off, not the author's.
// - draft → published directly is refused: every published report has been in review.
// - published is final for everyone except an admin, who may reopen it (published → draft) with a
//   reason, e.g. a root cause later proved wrong. Reopen goes to draft, so it is reviewed again.
// - Sections can be edited in draft and in review (reviewers fix wording in place) but not once
//   published. Action items and checklists stay editable after publishing: tracking them to done is
//   the point of the report.
import type { Role } from "@/lib/domain/roles";
import { can } from "@/lib/domain/roles";
import type { Locale } from "@/lib/i18n/locales";
import { POSTMORTEM_TEMPLATE, isFilled, type LocalizedText, type PostmortemFieldKey, type PostmortemSections } from "./template";
import { oneOf } from "@/lib/domain/one-of";

export const POSTMORTEM_STATUSES = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, LocalizedText> = {
  draft: { ko: "초안", en: "Draft" },
  in_review: { ko: "검토 중", en: "In review" },
  published: { ko: "게시됨", en: "Published" },
};

export const isPostmortemStatus = oneOf(POSTMORTEM_STATUSES);

export interface MissingField {
  key: PostmortemFieldKey;
  /** the section heading and the field label, so the message can say "장애 요약 › 영향 범위" */
  section: LocalizedText;
  label: LocalizedText;
}

export type PublishableCheck = { ok: true } | { ok: false; missing: MissingField[] };

/** Required fields that are empty or whitespace-only, in template order. */
export function checkPublishable(sections: PostmortemSections): PublishableCheck {
  const missing: MissingField[] = [];
  for (const section of POSTMORTEM_TEMPLATE) {
    for (const field of section.fields) {
      if (field.required && !isFilled(sections[field.key])) {
        missing.push({ key: field.key, section: section.heading, label: field.label });
      }
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/** "장애 요약 › 영향 범위, 근본 원인 분석 › 근본 원인" for an error message. */
export function describeMissing(missing: readonly MissingField[], locale: Locale): string {
  return missing.map((m) => `${m.section[locale]} › ${m.label[locale]}`).join(", ");
}

export type PostmortemTransitionKind = "submit" | "request_changes" | "publish" | "reopen";

export type PostmortemTransitionCheck =
  | { ok: true; kind: PostmortemTransitionKind }
  | { ok: false; code: "invalid_transition" | "forbidden" | "incomplete" | "reason_required"; reason: string; missing?: MissingField[] };

const PUBLISHERS: readonly Role[] = ["admin", "commander"];

export function checkPostmortemTransition(input: {
  from: PostmortemStatus;
  to: PostmortemStatus;
  role: Role;
  sections: PostmortemSections;
  /** required to reopen a published report */
  reason?: string;
}): PostmortemTransitionCheck {
  const { from, to, role } = input;
  if (from === to) return { ok: false, code: "invalid_transition", reason: `The postmortem is already ${to}.` };
  if (!can(role, "postmortem.edit")) {
    return { ok: false, code: "forbidden", reason: `The ${role} role cannot change a postmortem's status.` };
  }
  const complete = (kind: PostmortemTransitionKind): PostmortemTransitionCheck => {
    const check = checkPublishable(input.sections);
    if (check.ok) return { ok: true, kind };
    return {
      ok: false,
      code: "incomplete",
      reason: `Fill in the required fields first: ${describeMissing(check.missing, "en")}.`,
      missing: check.missing,
    };
  };

  if (from === "draft" && to === "in_review") return complete("submit");
  if (from === "in_review" && to === "draft") return { ok: true, kind: "request_changes" };
  if (from === "in_review" && to === "published") {
    if (!PUBLISHERS.includes(role)) {
      return { ok: false, code: "forbidden", reason: "Only an admin or a commander can publish a postmortem." };
    }
    return complete("publish");
  }
  if (from === "draft" && to === "published") {
    return {
      ok: false,
      code: "invalid_transition",
      reason: "A draft must be reviewed before it is published: submit it for review first.",
    };
  }
  if (from === "published" && to === "draft") {
    if (role !== "admin") return { ok: false, code: "forbidden", reason: "A published postmortem is final; only an admin can reopen it." };
    if (!input.reason || input.reason.trim() === "") {
      return {
        ok: false,
        code: "reason_required",
        reason: "Say why the published postmortem is reopened; the reason is kept in the audit log.",
      };
    }
    return { ok: true, kind: "reopen" };
  }
  // published → in_review: reopening goes through draft so the change is edited, then reviewed.
  return { ok: false, code: "invalid_transition", reason: `A postmortem cannot move from ${from} to ${to}.` };
}

/** Statuses the role may move to from `from` (ignoring completeness, which the UI shows per field). */
export function allowedPostmortemTransitions(from: PostmortemStatus, role: Role): PostmortemStatus[] {
  return POSTMORTEM_STATUSES.filter((to) => {
    const check = checkPostmortemTransition({ from, to, role, sections: {}, reason: "-" });
    return check.ok || check.code === "incomplete";
  });
}

export function canEditSections(status: PostmortemStatus): boolean {
  return status !== "published";
}
