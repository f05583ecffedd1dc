// The API answers in the asker's language: known English messages (the error's and each field's) turn into
// the catalogue's Korean with their values kept; the code never changes; unknown text stays as written.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse, validationError } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { localizeMessage } from "@/lib/server/error-text";
import { declareIncidentInput } from "@/lib/domain/incident-input";

describe("API errors in the reader's language", () => {
  it("translates a template and its status values", () => {
    expect(localizeMessage("The incident is already resolved.", "ko")).toBe("장애가 이미 해결됨 상태입니다.");
    expect(localizeMessage("Incident 42 not found.", "ko")).toBe("장애 42을(를) 찾을 수 없습니다.");
    expect(localizeMessage("Give a reason for changing the severity.", "ko")).toBe("심각도를 바꾸는 사유를 입력하세요.");
    expect(localizeMessage("Give a reason for changing the severity.", "en")).toBe("Give a reason for changing the severity.");
    expect(localizeMessage("Something nobody catalogued.", "ko")).toBe("Something nobody catalogued.");
  });

  it("the rarely seen ones too: what was not found, people-only routes, the status page, the more specific template first", () => {
    expect(localizeMessage("Schedule s-1 not found.", "ko")).toBe("온콜 일정 s-1을(를) 찾을 수 없습니다.");
    expect(localizeMessage("Revision 3 of postmortem pm-1 not found.", "ko")).toBe("사후 분석 pm-1의 버전 3을(를) 찾을 수 없습니다.");
    expect(localizeMessage("Revision 3 not found.", "ko")).toBe("버전 3을(를) 찾을 수 없습니다.");
    expect(localizeMessage('redis target "cache" not found.', "ko")).toBe('redis 대상 "cache"을(를) 찾을 수 없습니다.');
    expect(localizeMessage("Shifts belong to people: sign in instead of using an API token.", "ko")).toBe(
      "근무는 사람에게 속합니다: API 토큰 대신 로그인해서 쓰세요.",
    );
    expect(localizeMessage("The viewer role cannot change a postmortem's status.", "ko")).toBe(
      "조회자 역할은 사후 분석의 상태를 바꿀 수 없습니다.",
    );
    expect(localizeMessage("Unknown component.", "ko")).toBe("알 수 없는 구성 요소입니다.");
  });

  it("keeps the code and localizes message and fields", async () => {
    const error = new AppError("validation_failed", "Give a reason for changing the severity.", {
      reason: "Give a reason for changing the severity.",
    });
    const body = (await errorResponse(error, "ko").json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("심각도를 바꾸는 사유를 입력하세요.");
    expect(body.error.fields.reason).toBe("심각도를 바꾸는 사유를 입력하세요.");
  });

  it("a missing title reads in Korean, the resolve refusal too", async () => {
    const parsed = declareIncidentInput.safeParse({ title: "  ", severity: "P1" });
    const body = (await errorResponse(validationError(parsed.error as z.ZodError, "ko"), "ko").json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^제목을 입력하세요/);
    const refusal =
      "A P0 incident is resolved after a passing recovery verification (manual section 4), and none has run yet. Run the recovery verification in the incident room, or give a reason for resolving without a passing one.";
    expect(localizeMessage(refusal, "ko")).toMatch(/^P0 장애는 복구 검증을 통과한 뒤 해결합니다/);
  });
});
