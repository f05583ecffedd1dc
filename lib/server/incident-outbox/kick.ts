// Lets the code that commits an incident change have its events dispatched right away, without knowing
// the features that react to them (no import of the dispatcher: incidents ← alerts/escalations stay one-way).
// The dispatcher registers itself here when the server starts (start.ts). Where none is registered (a
// script), or when dispatching fails, the rows wait for the dispatcher loop: nothing is lost either way.
//
// Where one is registered, the rows are written already claimed by it (claimedBy = its instance, claimedAt =
// the change's time), so dispatching them after the commit needs no claim statement of its own. If the
// process dies in between, the claim lapses after the dispatcher's lease and another instance handles them.
import type { RecordedEvents } from "./record";

type Dispatch = (recorded: RecordedEvents) => Promise<unknown>;

const state = globalThis as unknown as { __incidentEventDispatch?: { instanceId: string; dispatch: Dispatch } };

export function onCommittedIncidentEvents(registration: { instanceId: string; dispatch: Dispatch } | undefined): void {
  state.__incidentEventDispatch = registration;
}

/** The instance that dispatches this process's commits (their rows are written claimed by it), or null. */
export function commitClaimant(): string | null {
  return state.__incidentEventDispatch?.instanceId ?? null;
}

/** After the commit: handle these outbox rows now. Never throws (the change is committed already). */
export async function dispatchCommitted(recorded: RecordedEvents): Promise<void> {
  const registration = state.__incidentEventDispatch;
  if (!registration || recorded.rows.length === 0 || recorded.claimedBy !== registration.instanceId) return;
  await registration
    .dispatch(recorded)
    .catch((error: unknown) => console.error("[incident-events] dispatch after commit failed; the dispatcher loop retries", error));
}
