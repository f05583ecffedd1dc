// A realistic resolved P1 (manual 2.1, Redis lock timeouts) shared by the postmortem tests.
// 2026-11-25T03:00Z is 12:00 in Asia/Seoul.
import type { PrefillDiagnostic, PrefillEscalation, PrefillIncident, PrefillTimelineEvent } from "@/lib/domain/postmortem/prefill";

export const incident: PrefillIncident = {
  id: 42,
  title: "포인트 충전 실패: Redis 분산 락 타임아웃",
  severity: "P1",
  source: "alert",
  startedAt: "2026-11-25T03:00:00.000Z",
  resolvedAt: "2026-11-25T03:42:30.000Z",
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 3, minute)).toISOString();

const messages: Array<[number, string, string, string, unknown?]> = [
  [0, "declared", "Alertmanager", "HighResponseTime firing: p95 1.8s > 1.0s"],
  [1, "commander", "김민수", "Commander: 김민수"],
  [2, "note", "이지은", "포인트 충전 API\n타임아웃 다수"],
  [4, "diagnostic", "이지은", "Redis ping ok, 활성 락 1,204개"],
  [6, "status", "김민수", "investigating → identified", { from: "investigating", to: "identified" }],
  [8, "note", "박서준", "TTL 없는 락 12개 발견"],
  [12, "note", "박서준", "락 키 수동 삭제 준비"],
  [15, "notification", "system", "Slack #emergency 알림"],
  [20, "note", "박서준", "락 키 12개 삭제"],
  [25, "note", "이지은", "에러율 감소 확인 중"],
  [30, "escalation", "system", "팀 리더 알림"],
  [35, "status", "김민수", "identified → mitigated", { from: "identified", to: "mitigated" }],
  [40, "note", "이지은", "p95 0.3s 회복"],
  [42, "status", "김민수", "mitigated → resolved", { from: "mitigated", to: "resolved" }],
];

// Deliberately out of order: prefill must sort by time, not trust the array order.
export const timeline: PrefillTimelineEvent[] = messages
  .map(([minute, kind, actorName, message, data], i) => ({
    id: `ev${i + 1}`,
    kind,
    actorName,
    message,
    createdAt: at(minute),
    data: data ?? null,
  }))
  .reverse();

export const diagnostics: PrefillDiagnostic[] = [
  { id: "dg-after", title: "Actuator health", verdict: "ok", summary: "status UP", ranAt: at(38) },
  { id: "dg-lock", title: "Redis lock scan", verdict: "critical", summary: "1,204 locks, 12 without TTL", ranAt: at(4) },
];

export const escalations: PrefillEscalation[] = [
  { id: "esc-tl", role: "team_lead", dueAt: at(30), firedAt: at(30), acknowledgedAt: at(31), acknowledgedBy: "최팀장" },
  { id: "esc-dh", role: "department_head", dueAt: at(60), firedAt: null },
];
