// Table tests of the input filters (read-only SQL, recovery paths): one test per accepted input.
import { expect, it } from "vitest";

/** One test per input, titled `title` ("%s" is the input): `check` accepts it, answering { ok: true }. */
export function itAcceptsEach(title: string, check: (input: string) => unknown, inputs: readonly string[]): void {
  it.each(inputs)(title, (input) => {
    expect(check(input)).toEqual({ ok: true });
  });
}
