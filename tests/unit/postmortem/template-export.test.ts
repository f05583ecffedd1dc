import { describe, expect, it } from "vitest";
import {
  POSTMORTEM_FIELD_KEYS,
  POSTMORTEM_TEMPLATE,
  REQUIRED_FIELD_KEYS,
  postmortemSectionsInput,
  templateFieldLabels,
} from "@/lib/domain/postmortem/template";
import { exportMarkdown, templateHeadings, type PostmortemForExport } from "@/lib/domain/postmortem/export";
import { PREVENTION_CHECKLISTS } from "@/lib/domain/postmortem/checklists";

// The manual's section 5.1, word for word.
const MANUAL_HEADINGS = ["장애 요약", "근본 원인 분석", "대응 과정", "개선 계획"];
const MANUAL_LABELS = [
  "발생 시간",
  "영향 범위",
  "장애 등급",
  "복구 시간",
  "직접 원인",
  "근본 원인",
  "기여 요인",
  "탐지",
  "대응",
  "복구",
  "검증",
  "즉시 개선",
  "단기 개선",
  "장기 개선",
];

describe("postmortem template (manual 5.1)", () => {
  it("has the manual's headings and bold labels, in order", () => {
    expect(templateHeadings("ko")).toEqual(MANUAL_HEADINGS);
    expect(templateFieldLabels("ko")).toEqual(MANUAL_LABELS);
    expect(templateHeadings("en")).toEqual(["Incident summary", "Root cause analysis", "Response", "Improvement plan"]);
  });

  it("keeps the manual's guidance as hints", () => {
    const hints = Object.fromEntries(POSTMORTEM_TEMPLATE.flatMap((s) => s.fields.map((f) => [f.key, f.hint.ko])));
    expect(hints.timeWindow).toBe("YYYY-MM-DD HH:MM - HH:MM");
    expect(hints.impact).toBe("사용자 X명, 거래량 Y건 영향");
    expect(hints.shortTermImprovement).toBe("1개월 내 완료할 개선 사항");
    expect(hints.longTermImprovement).toBe("구조적 개선 계획");
  });

  it("has unique, stable field keys and the chosen required set", () => {
    const keys = POSTMORTEM_TEMPLATE.flatMap((s) => s.fields.map((f) => f.key));
    expect(keys).toEqual([...POSTMORTEM_FIELD_KEYS]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(REQUIRED_FIELD_KEYS).toEqual([
      "timeWindow",
      "impact",
      "severity",
      "recoveryTime",
      "directCause",
      "rootCause",
      "detection",
      "response",
      "recovery",
      "verification",
      "immediateImprovement",
    ]);
  });

  it("validates saved sections strictly: unknown keys and non-strings are errors", () => {
    expect(postmortemSectionsInput.safeParse({ impact: "사용자 1,200명" }).success).toBe(true);
    expect(postmortemSectionsInput.safeParse({ impcat: "typo" }).success).toBe(false);
    expect(postmortemSectionsInput.safeParse({ impact: 3 }).success).toBe(false);
    expect(postmortemSectionsInput.safeParse({ impact: "x".repeat(20_001) }).success).toBe(false);
  });
});

const report: PostmortemForExport = {
  title: "포인트 충전 실패: Redis 분산 락 타임아웃",
  sections: {
    timeWindow: "2026-11-25 12:00 - 12:42",
    impact: "사용자 1,200명, 거래량 3,400건 영향",
    severity: "P1",
    recoveryTime: "42분 (목표 30분, 12분 초과)",
    directCause: "TTL 없는 락 키 12개가 남아 포인트 충전이 대기",
    rootCause: "락 해제가 finally 블록 밖에 있었음\n예외 경로에서 해제 누락",
    detection: "12:00 HighResponseTime 알람",
    response: "- 12:06 원인 파악\n- 12:20 락 키 삭제\n\n진단 결과:\n- [심각] Redis lock scan",
    recovery: "락 키 삭제 후 재시도 큐 처리",
    verification: "헬스 체크 UP, 충전 스모크 테스트 200",
    immediateImprovement: "락 TTL 30초 강제",
  },
  actionItems: [
    { title: "락 해제를 finally로 이동", owner: "박서준", dueDate: "2026-11-27", horizon: "immediate", status: "done" },
    { title: "락 | 메트릭 대시보드", owner: "이지은", dueDate: "2026-12-20", horizon: "short_term", status: "in_progress" },
    { title: "분산 락 라이브러리 교체", owner: "김민수", dueDate: "2027-03-31", horizon: "long_term", status: "open" },
  ],
  checklist: {
    transactionScope: { checked: true, by: "김민수", at: "2026-11-26T01:00:00.000Z" },
    rollbackPlan: { checked: true, by: "이지은", at: "2026-11-26T02:30:00.000Z" },
    loadTest: { checked: false },
  },
};

describe("exportMarkdown", () => {
  const md = exportMarkdown(report, { locale: "ko" });
  const lines = md.split("\n");

  it("starts with the report title heading", () => {
    expect(lines[0]).toBe("## 장애 보고서: 포인트 충전 실패: Redis 분산 락 타임아웃");
  });

  it("writes the template's ### headings in order, then action items and prevention", () => {
    const h3 = lines.filter((l) => l.startsWith("### ")).map((l) => l.slice(4));
    expect(h3.slice(0, 4)).toEqual(templateHeadings("ko"));
    expect(h3.slice(4)).toEqual(["후속 조치 항목", "예방 조치"]);
    const h4 = lines.filter((l) => l.startsWith("#### ")).map((l) => l.slice(5));
    expect(h4).toEqual(PREVENTION_CHECKLISTS.map((c) => c.title.ko));
  });

  it("writes every bold label of the template in order, with the manual's list styles", () => {
    const labels = [...md.matchAll(/^(?:- |\d+\. )\*\*(.+?)\*\*:/gm)].map((m) => m[1]);
    expect(labels).toEqual(templateFieldLabels("ko"));
    expect(md).toContain(
      "- **발생 시간**: 2026-11-25 12:00 - 12:42\n- **영향 범위**: 사용자 1,200명, 거래량 3,400건 영향\n- **장애 등급**: P1\n- **복구 시간**: 42분 (목표 30분, 12분 초과)",
    );
    expect(md).toContain(
      "1. **직접 원인**: TTL 없는 락 키 12개가 남아 포인트 충전이 대기\n2. **근본 원인**: 락 해제가 finally 블록 밖에 있었음\n   예외 경로에서 해제 누락\n3. **기여 요인**: _(미작성)_",
    );
  });

  it("indents multi-line Markdown under its item so lists stay inside the field", () => {
    expect(md).toContain("- **대응**:\n  - 12:06 원인 파악\n  - 12:20 락 키 삭제\n\n  진단 결과:\n  - [심각] Redis lock scan\n- **복구**:");
  });

  it("marks unwritten optional fields instead of dropping them", () => {
    expect(md).toContain("- **단기 개선**: _(미작성)_");
    expect(md).toContain("- **장기 개선**: _(미작성)_");
  });

  it("writes action items as a table with owner, due date, horizon and status; pipes escaped", () => {
    expect(md).toContain(
      [
        "| 항목 | 담당자 | 기한 | 구분 | 상태 |",
        "|---|---|---|---|---|",
        "| 락 해제를 finally로 이동 | 박서준 | 2026-11-27 | 즉시 | 완료 |",
        "| 락 \\| 메트릭 대시보드 | 이지은 | 2026-12-20 | 단기 | 진행 중 |",
        "| 분산 락 라이브러리 교체 | 김민수 | 2027-03-31 | 장기 | 대기 |",
      ].join("\n"),
    );
  });

  it("writes the checklists with [x]/[ ] and who/when in Asia/Seoul", () => {
    expect(md).toContain(
      "#### 코드 리뷰 체크포인트\n- [x] 트랜잭션 범위 적절성 (김민수, 2026-11-26 10:00)\n- [ ] 예외 처리 완전성\n- [ ] 리소스 해제 확실성\n- [ ] 성능 임계점 고려",
    );
    expect(md).toContain(
      "#### 배포 전 체크리스트\n- [ ] 부하 테스트 수행\n- [ ] 장애 시나리오 테스트\n- [ ] 모니터링 지표 설정\n- [x] 롤백 계획 수립 (이지은, 2026-11-26 11:30)",
    );
    expect(md.endsWith("\n")).toBe(true);
  });

  it("exports English with the English template", () => {
    const en = exportMarkdown(report, { locale: "en" });
    expect(en.split("\n")[0]).toBe("## Incident report: 포인트 충전 실패: Redis 분산 락 타임아웃");
    expect(
      en
        .split("\n")
        .filter((l) => l.startsWith("### "))
        .slice(0, 4)
        .map((l) => l.slice(4)),
    ).toEqual(templateHeadings("en"));
    expect(en).toContain("| Item | Owner | Due | Horizon | Status |");
    expect(en).toContain("- **Short term**: _(not written)_");
  });

  it("exports an empty draft without failing, and a title cannot break the heading", () => {
    const empty = exportMarkdown({ title: "a\n### injected", sections: {} }, { locale: "ko" });
    expect(empty.split("\n")[0]).toBe("## 장애 보고서: a ### injected");
    expect(empty).toContain("_(후속 조치 항목 없음)_");
    expect(empty.match(/_\(미작성\)_/g)).toHaveLength(14);
    expect(empty.split("\n").filter((l) => l.startsWith("### "))).toHaveLength(6);
  });
});
