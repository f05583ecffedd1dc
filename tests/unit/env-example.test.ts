// .env.example lists every variable the app reads (lib/server/env.ts), and nothing else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES } from "@/lib/server/env";

/** Names of the `NAME=` lines, commented out or not. */
function exampleVariables(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line.trim());
    if (m) names.push(m[1]);
  }
  return names;
}

describe(".env.example", () => {
  const listed = exampleVariables(readFileSync(new URL("../../.env.example", import.meta.url), "utf8"));

  it("names every variable the env module declares, and only those", () => {
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("names each variable once", () => {
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });
});
