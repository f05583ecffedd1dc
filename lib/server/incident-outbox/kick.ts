// Lets the code that commits an incident change have its events dispatched right away, without knowing
// the features that react to them (no import of the dispatcher: incidents ← alerts/escalations stay one-way).
// The dispatcher registers itself here when the server starts (start.ts). Where none is registered (a
// script), or when dispatching fails, the rows wait for the dispatcher loop: nothing is lost either way.
type Dispatch = (ids: string[]) => Promise<unknown>;

const state = globalThis as unknown as { __incidentEventDispatch?: Dispatch };

export function onCommittedIncidentEvents(dispatch: Dispatch | undefined): void {
  state.__incidentEventDispatch = dispatch;
}

/** After the commit: handle these outbox rows now. Never throws (the change is committed already). */
export async function dispatchCommitted(ids: string[]): Promise<void> {
  const dispatch = state.__incidentEventDispatch;
  if (!dispatch || ids.length === 0) return;
  await dispatch(ids).catch((error: unknown) =>
    console.error("[incident-events] dispatch after commit failed; the dispatcher loop retries", error),
  );
}
