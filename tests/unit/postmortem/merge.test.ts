import { describe, expect, it } from "vitest";
import { mergeSections, resolveConflicts } from "@/lib/domain/postmortem/merge";
import type { PostmortemFieldKey } from "@/lib/domain/postmortem/template";

type S = Partial<Record<PostmortemFieldKey, string>>;

describe("mergeSections (stale save)", () => {
  const base: S = { impact: "사용자 X명", directCause: "락", rootCause: "", detection: "알람" };
  /** Merges two edits of `base`: the user's and the other person's. */
  const mergeEdits = (mine: S, theirs: S) =>
    mergeSections<PostmortemFieldKey>({ base, mine: { ...base, ...mine }, theirs: { ...base, ...theirs } });

  it("takes the other person's change where the user did not touch the field", () => {
    const r = mergeEdits({ impact: "사용자 1,200명" }, { detection: "12:00 알람" });
    expect(r.clean).toBe(true);
    expect(r.conflicts).toEqual([]);
    expect(r.fromTheirs).toEqual(["detection"]);
    expect(r.fromMine).toEqual(["impact"]);
    expect(r.merged).toMatchObject({ impact: "사용자 1,200명", detection: "12:00 알람", directCause: "락" });
  });

  it("reports a conflict with all three texts when both changed a field differently, and keeps it out of merged", () => {
    const r = mergeEdits({ rootCause: "finally 누락" }, { rootCause: "TTL 미설정" });
    expect(r.clean).toBe(false);
    expect(r.conflicts).toEqual([{ field: "rootCause", base: "", mine: "finally 누락", theirs: "TTL 미설정" }]);
    expect(r.merged.rootCause).toBeUndefined();
    expect(r.merged.impact).toBe("사용자 X명");
  });

  it("is not a conflict when both made the same change", () => {
    const r = mergeSections<PostmortemFieldKey>({ base, mine: { ...base, impact: "같은 값" }, theirs: { ...base, impact: "같은 값" } });
    expect(r.clean).toBe(true);
    expect(r.merged.impact).toBe("같은 값");
    expect(r.fromMine).toEqual([]);
    expect(r.fromTheirs).toEqual([]);
  });

  it("treats a missing field as empty and ignores CRLF-only differences", () => {
    const r = mergeSections<PostmortemFieldKey>({
      base: { response: "a\nb" },
      mine: { response: "a\r\nb", recovery: "새 텍스트" },
      theirs: { response: "a\nb" },
    });
    expect(r.clean).toBe(true);
    expect(r.fromMine).toEqual(["recovery"]);
    expect(r.merged.recovery).toBe("새 텍스트");
  });

  it("handles a field one side cleared", () => {
    const r = mergeSections<PostmortemFieldKey>({ base, mine: base, theirs: { ...base, directCause: "" } });
    expect(r.merged.directCause).toBe("");
    expect(r.fromTheirs).toEqual(["directCause"]);
    const c = mergeSections<PostmortemFieldKey>({ base, mine: { ...base, directCause: "락 TTL" }, theirs: { ...base, directCause: "" } });
    expect(c.conflicts.map((x) => x.field)).toEqual(["directCause"]);
  });

  it("resolves conflicts by the user's choice and refuses to finish with undecided ones", () => {
    const r = mergeEdits({ rootCause: "mine", impact: "mine" }, { rootCause: "theirs", impact: "theirs" });
    expect(() => resolveConflicts(r, { rootCause: "mine" })).toThrow(/impact/);
    const done = resolveConflicts(r, { rootCause: "mine", impact: { text: "합친 텍스트" } });
    expect(done).toMatchObject({ rootCause: "mine", impact: "합친 텍스트", directCause: "락", detection: "알람" });
    expect(resolveConflicts(r, { rootCause: "theirs", impact: "theirs" })).toMatchObject({ rootCause: "theirs", impact: "theirs" });
  });
});
