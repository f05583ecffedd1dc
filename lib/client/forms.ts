// What the browser's forms share: the server's per-field refusals, and a submit that stays on the page.
import type { FormEvent } from "react";
import { ApiError } from "./api";

/** The server's reasons per field ({"name": "…"}) when it refused a value; none for any other failure. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? (error.fields ?? {}) : {};
}

/** A form's submit handler that keeps the browser from navigating and runs `action` instead. */
export function onSubmitRun(action: () => void) {
  return (event: FormEvent) => {
    event.preventDefault();
    action();
  };
}
