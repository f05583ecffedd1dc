"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs this component in the browser. A button
 * whose action is JavaScript only (sign-out, which first asks the server where to go) stays disabled until then, so
 * a click on a page still hydrating — a slow phone at 3 a.m. — is not silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
