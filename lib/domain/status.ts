// Incident status workflow: investigating → identified → mitigated → resolved, and reopen.
import { oneOf } from "@/lib/domain/one-of";
export const STATUSES = ["investigating", "identified", "mitigated", "resolved"] as const;
export type Status = (typeof STATUSES)[number];

export const isStatus = oneOf(STATUSES);

export function isOpen(status: Status): boolean {
  return status !== "resolved";
}

export type TransitionCheck = { ok: true; reopen: boolean } | { ok: false; reason: string };

/**
 * Open incidents move forward only (skipping is allowed: a quick fix can go straight to resolved);
 * a resolved incident can only be reopened, which starts again at "investigating".
 * Moving backwards among open statuses is refused so the timeline stays a story that reads forward;
 * a wrong hypothesis is recorded as a note instead.
 */
export function checkTransition(from: Status, to: Status): TransitionCheck {
  if (from === to) return { ok: false, reason: `The incident is already ${to}.` };
  if (from === "resolved") {
    if (to === "investigating") return { ok: true, reopen: true };
    return { ok: false, reason: `A resolved incident can only be reopened (to investigating), not moved to ${to}.` };
  }
  if (STATUSES.indexOf(to) < STATUSES.indexOf(from)) {
    return { ok: false, reason: `Status cannot go back from ${from} to ${to}; add a note instead, or resolve and reopen.` };
  }
  return { ok: true, reopen: false };
}

export function allowedNextStatuses(from: Status): Status[] {
  return STATUSES.filter((to) => checkTransition(from, to).ok);
}
