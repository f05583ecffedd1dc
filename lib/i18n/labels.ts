// Role names for text written outside React — notifications (Slack, SMS, email), timeline rows, the
// postmortem's prefilled facts — read from the message catalogues, so they are word for word what the
// screens show. The ids live in lib/domain (contacts.ts, escalation-matrix.ts); the names only in the
// catalogues (`contacts.*`; user roles: `roles.*`). Pure: no I/O, safe in lib/domain.
import ko from "./messages/ko.json";
import en from "./messages/en.json";
import koDiagnostics from "./messages/ko.diagnostics.json";
import enDiagnostics from "./messages/en.diagnostics.json";
import { isContactRole } from "@/lib/domain/contacts";
import type { DiagnosticVerdict } from "@/lib/domain/postmortem/diagnostic-lines";

export interface RoleName {
  ko: string;
  en: string;
}

/** "Team lead" → "team lead" for the middle of an English sentence; "DB admin" and "CDN provider" stay. */
const inSentence = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/** A contacts-directory or escalation role (team_lead, system_admin, …) as the screens name it; unknown ids as they are. */
export function contactRoleName(role: string): RoleName {
  if (!isContactRole(role)) return { ko: role, en: role };
  return { ko: ko.contacts[role], en: en.contacts[role] };
}

/** The same, with the English name in sentence case: "Notifying the team lead". */
export function contactRoleInSentence(role: string): RoleName {
  const name = contactRoleName(role);
  return { ko: name.ko, en: inSentence(name.en) };
}

/** A diagnostic's verdict (정상/주의/심각/오류) as the room's verdict chip names it (`diagnostics.verdict.*`). */
export function verdictName(verdict: DiagnosticVerdict): RoleName {
  return { ko: koDiagnostics.verdict[verdict], en: enDiagnostics.verdict[verdict] };
}
