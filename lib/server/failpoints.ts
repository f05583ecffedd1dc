// Named points in the code where a fault test can step in (e.g. kill the process between a commit and
// what follows it). A no-op unless a test process sets one; production never does.
type Action = () => Promise<void> | void;

const state = globalThis as unknown as { __failpoints?: Map<string, Action> };

/** Names in use: "incident.committed" (an incident change is committed; its events are not dispatched yet). */
export type FailpointName = "incident.committed";

export function setFailpoint(name: FailpointName, action: Action | undefined): void {
  state.__failpoints ??= new Map();
  if (action) state.__failpoints.set(name, action);
  else state.__failpoints.delete(name);
}

export async function failpoint(name: FailpointName): Promise<void> {
  await state.__failpoints?.get(name)?.();
}
