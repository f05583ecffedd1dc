// README's layout section names every directory a newcomer will open: each feature folder under app/(app),
// components/, lib/ and lib/server/, lib/domain/. A new folder without a line there fails here, so the map
// cannot go stale again (issue 10).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Layout"));
const block = section.slice(section.indexOf("```") + 3, section.indexOf("```", section.indexOf("```") + 3));

const dirs = (path: string) =>
  readdirSync(join(root, path), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

describe("README layout", () => {
  it("has a layout block", () => {
    expect(section.startsWith("## Layout")).toBe(true);
    expect(block.length).toBeGreaterThan(500);
  });

  it.each([
    ["app/(app)", dirs("app/(app)")],
    ["app/api", dirs("app/api")],
    ["components", dirs("components")],
    ["lib", dirs("lib")],
    ["lib/server", dirs("lib/server")],
    ["lib/domain", dirs("lib/domain")],
  ])("names every folder under %s", (_parent, names) => {
    const missing = names.filter((name) => !new RegExp(`(^|[\\s(,/])${name.replace(/[[\]().]/g, "\\$&")}[/\\s),;:]`, "m").test(block));
    expect(missing).toEqual([]);
  });
});
