// The report's short account of the diagnostics: one readable line per probe run — time, probe name, the
// verdict as the room showed it, one short reason — in the report's language, with a link to the full results
// in the incident room. The raw probe output stays with the facts (and in the room), not in the 대응 field.
// Pure.
import type { Locale } from "@/lib/i18n/locales";
import { verdictName } from "@/lib/i18n/labels";
import type { LocalizedText } from "./template";

export type DiagnosticVerdict = "ok" | "warning" | "critical" | "error";

export interface DiagnosticLineInput {
  /** the probe's name in the report's language, e.g. "Redis 락 조회" */
  title: string;
  verdict: DiagnosticVerdict;
  /** the probe's one-line summary as recorded (English, technical) */
  summary: string;
  /** a reason already worded in the report's language (e.g. a simulated Prometheus answer); wins over the rest */
  reason?: string;
  /** the error's code when the probe could not tell (ECONNREFUSED, TIMEOUT, ER_NO_SUCH_TABLE, …) */
  errorCode?: string;
  /** where the probe connected, e.g. "127.0.0.1:8080" */
  address?: string;
}

/** Why a probe could not tell, by error code, in words a reader of either language acts on. */
const ERROR_REASON: Record<string, LocalizedText> = {
  ECONNREFUSED: { ko: "연결 거부", en: "connection refused" },
  ECONNRESET: { ko: "연결이 끊김", en: "connection reset" },
  ETIMEDOUT: { ko: "연결 시간 초과", en: "connection timed out" },
  TIMEOUT: { ko: "응답 시간 초과", en: "no answer in time" },
  CANCELLED: { ko: "취소됨", en: "cancelled" },
  ENOTFOUND: { ko: "호스트를 찾을 수 없음", en: "host not found" },
  EAI_AGAIN: { ko: "DNS 조회 실패", en: "DNS lookup failed" },
  EHOSTUNREACH: { ko: "호스트에 도달할 수 없음", en: "host unreachable" },
  ENETUNREACH: { ko: "네트워크에 도달할 수 없음", en: "network unreachable" },
  ER_ACCESS_DENIED_ERROR: { ko: "접근 거부 (계정 또는 비밀번호)", en: "access denied (user or password)" },
  ER_DBACCESS_DENIED_ERROR: { ko: "데이터베이스 접근 거부", en: "access to the database denied" },
  ER_BAD_DB_ERROR: { ko: "데이터베이스 없음", en: "no such database" },
  ER_NO_SUCH_TABLE: { ko: "테이블 없음", en: "no such table" },
  ER_TABLEACCESS_DENIED_ERROR: { ko: "테이블 권한 없음", en: "no privilege on the table" },
  ER_SPECIFIC_ACCESS_DENIED_ERROR: { ko: "권한 부족", en: "missing privilege" },
};

const REASON_MAX = 80;

const T = {
  heading: {
    ko: (href: string) => `진단 결과 (요약, 전체 결과는 [장애 화면의 진단](${href})):`,
    en: (href: string) => `Diagnostics (summary; full results in [the incident room's diagnostics](${href})):`,
  },
} as const;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > REASON_MAX ? `${flat.slice(0, REASON_MAX - 1)}…` : flat;
}

/** One short reason in the report's language; a technical summary is kept short, never the raw output. */
export function diagnosticReason(d: DiagnosticLineInput, locale: Locale): string {
  if (d.reason) return shorten(d.reason);
  const known = d.verdict === "error" && d.errorCode ? ERROR_REASON[d.errorCode] : undefined;
  if (known) return d.address ? `${known[locale]} (${d.address})` : known[locale];
  return shorten(d.summary);
}

/** "- 12:04 Redis 락 조회: 심각 — 1,204 locks, 12 without TTL" (time is the caller's wall-clock text). */
export function diagnosticLine(d: DiagnosticLineInput, time: string, locale: Locale): string {
  return `- ${time} ${d.title}: ${verdictName(d.verdict)[locale]} — ${diagnosticReason(d, locale)}`;
}

/** Where the full results are: the diagnostics of the incident room. */
export function diagnosticsHref(incidentId: number | string): string {
  return `/incidents/${incidentId}#diagnostics`;
}

/** The heading line of the diagnostics block, with the link to the full results. */
export function diagnosticsHeading(incidentId: number | string, locale: Locale): string {
  return T.heading[locale](diagnosticsHref(incidentId));
}

/** "127.0.0.1:8080" out of "Actuator at 127.0.0.1:8080" (the recorded target label), if it has one. */
export function addressOf(target: string | undefined): string | undefined {
  const m = target ? / at (\S+)$/.exec(target) : null;
  return m ? m[1] : undefined;
}
