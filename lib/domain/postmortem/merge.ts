// Three-way merge per template field for the stale-save flow. A save names the version it was based on;
// when someone else saved in between, the server refuses it (409) and the editor calls this with
//   base   = the sections as the user loaded them,
//   mine   = what the user has typed,
//   theirs = the sections saved now.
// Fields only one side changed merge automatically; fields both sides changed differently are conflicts
// that carry all three texts, so the UI can show the other person's change and never drops the user's.
// The merge is per field, not per line: report fields are short prose, and a line merge inside a
// sentence would produce text nobody wrote.

export type SectionTexts<K extends string = string> = Partial<Record<K, string>>;

export interface FieldConflict<K extends string = string> {
  field: K;
  base: string;
  mine: string;
  theirs: string;
}

export interface MergeResult<K extends string = string> {
  /** every field that is not in conflict, with its merged text */
  merged: SectionTexts<K>;
  /** fields taken from the other person's save (the user did not touch them) */
  fromTheirs: K[];
  /** fields taken from the user's edit (the other person did not touch them) */
  fromMine: K[];
  conflicts: FieldConflict<K>[];
  /** true when there is nothing to ask the user: `merged` can be saved on top of `theirs` */
  clean: boolean;
}

/** Line endings differ between browsers and APIs; a CRLF-only difference is not a change. */
function same(a: string, b: string): boolean {
  return a === b || a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");
}

export function mergeSections<K extends string>(input: {
  base: SectionTexts<K>;
  mine: SectionTexts<K>;
  theirs: SectionTexts<K>;
}): MergeResult<K> {
  const keys = new Set<K>();
  for (const side of [input.base, input.mine, input.theirs]) {
    for (const key of Object.keys(side) as K[]) keys.add(key);
  }
  const result: MergeResult<K> = { merged: {}, fromTheirs: [], fromMine: [], conflicts: [], clean: true };
  for (const field of [...keys].sort()) {
    // A missing field and "" are the same thing to the editor.
    const base = input.base[field] ?? "";
    const mine = input.mine[field] ?? "";
    const theirs = input.theirs[field] ?? "";
    if (same(mine, theirs)) {
      result.merged[field] = mine;
    } else if (same(mine, base)) {
      result.merged[field] = theirs;
      result.fromTheirs.push(field);
    } else if (same(theirs, base)) {
      result.merged[field] = mine;
      result.fromMine.push(field);
    } else {
      result.conflicts.push({ field, base, mine, theirs });
    }
  }
  result.clean = result.conflicts.length === 0;
  return result;
}

export type ConflictChoice = "mine" | "theirs" | { text: string };

/**
 * Completes a merge once the user decided each conflict (keep mine, take theirs, or an edited text).
 * Throws when a conflict is left undecided: saving half a decision would silently lose someone's text.
 */
export function resolveConflicts<K extends string>(result: MergeResult<K>, choices: Partial<Record<K, ConflictChoice>>): SectionTexts<K> {
  const out: SectionTexts<K> = { ...result.merged };
  const undecided: K[] = [];
  for (const c of result.conflicts) {
    const choice = choices[c.field];
    if (choice === undefined) undecided.push(c.field);
    else out[c.field] = choice === "mine" ? c.mine : choice === "theirs" ? c.theirs : choice.text;
  }
  if (undecided.length > 0) throw new Error(`Conflicts not resolved: ${undecided.join(", ")}`);
  return out;
}
