import { describe, expect, it } from "vitest";
import { afterKeyset } from "@/lib/server/pagination";

describe("afterKeyset: the rows after a cursor in a multi-column order", () => {
  it("each column is compared only where every column before it is equal", () => {
    const at = new Date("2026-11-30T06:00:00Z");
    expect(
      afterKeyset([
        ["severity", "gt", "P1"],
        ["startedAt", "gt", at],
        ["id", "gt", 42],
      ]),
    ).toEqual({
      OR: [{ severity: { gt: "P1" } }, { severity: "P1", startedAt: { gt: at } }, { severity: "P1", startedAt: at, id: { gt: 42 } }],
    });
  });

  it("keeps each column's own direction (newest first: lt)", () => {
    expect(
      afterKeyset([
        ["createdAt", "lt", "2026-11-30"],
        ["id", "lt", "c1"],
      ]),
    ).toEqual({ OR: [{ createdAt: { lt: "2026-11-30" } }, { createdAt: "2026-11-30", id: { lt: "c1" } }] });
  });
});
