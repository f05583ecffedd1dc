// Who sees what of a recovery check's result. The raw result (rows a consistency query returned, the
// body an HTTP check read, the database's error text, which can quote values) is shown only to the roles
// that may run checks (PERMISSIONS["diagnostics.run"]); everyone else sees the verdict: passed or
// failed, and for a SQL check how many rows were inconsistent.
import { can, type Role } from "@/lib/domain/roles";

export interface RecoveryResultLike {
  ok: boolean;
  summary: string;
  data: unknown;
}

export type ResultKind = "http" | "sql" | "unknown";

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The kind of check that produced a result (results stored before `kind` was recorded are recognised by shape). */
export function resultKind(data: unknown): ResultKind {
  const d = record(data);
  if (!d) return "unknown";
  if (d.kind === "http" || d.kind === "sql") return d.kind;
  if (typeof d.rowCount === "number") return "sql";
  if (typeof d.target === "string") return /^(GET|POST) /.test(d.target) ? "http" : "sql";
  return "unknown";
}

export const mayReadRawResults = (role: Role) => can(role, "diagnostics.run");

export interface VerdictOnly {
  summary: string;
  data: null;
  redacted: true;
  kind: ResultKind;
  /** SQL checks: how many inconsistent rows were found, when the query ran */
  rowCount?: number;
}

const TEXT = {
  en: {
    noRows: "No inconsistent rows",
    rows: (n: number) => `${n} inconsistent row${n === 1 ? "" : "s"}`,
    incomplete: "The check did not run to the end (details for commanders, responders and admins)",
    passed: "Passed",
    failed: "Failed",
  },
  ko: {
    noRows: "불일치 행 없음",
    rows: (n: number) => `불일치 행 ${n}개`,
    incomplete: "검사가 끝까지 실행되지 않음 (자세한 내용은 지휘관·대응자·관리자에게 표시)",
    passed: "통과",
    failed: "실패",
  },
};

/** The result as a person without the right to run checks sees it (and as a postmortem records it). */
export function verdictOnly(result: RecoveryResultLike, locale: "ko" | "en" = "en"): VerdictOnly {
  const t = TEXT[locale];
  const kind = resultKind(result.data);
  const d = record(result.data);
  if (kind === "http") {
    // status, timing and which host failed; the body snippet stays out
    return { summary: result.summary, data: null, redacted: true, kind };
  }
  if (kind === "sql") {
    const rowCount = typeof d?.rowCount === "number" ? d.rowCount : undefined;
    if (result.ok) return { summary: t.noRows, data: null, redacted: true, kind, rowCount: 0 };
    if (rowCount !== undefined) return { summary: t.rows(rowCount), data: null, redacted: true, kind, rowCount };
    return { summary: t.incomplete, data: null, redacted: true, kind };
  }
  return { summary: result.ok ? t.passed : t.failed, data: null, redacted: true, kind };
}
