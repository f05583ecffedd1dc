// Manual section 4 "복구 검증 체크리스트", appended to every runbook's recovery.
import type { StepDef } from "../runbook-types";
import { ACTUATOR_HEALTH, manualBash, manualSql, step, t } from "./commands";

const functional = t("기능 검증", "Functional checks");
const performance = t("성능 검증", "Performance checks");
const consistency = t("데이터 정합성 검증", "Data consistency checks");

export const RECOVERY_VERIFICATION: readonly StepDef[] = [
  step("기본 헬스 체크", "Basic health check", { group: functional, command: manualBash(ACTUATOR_HEALTH) }),
  step("핵심 비즈니스 기능 테스트", "Test the core business functions", {
    group: functional,
    command: manualBash(
      "curl -X POST http://localhost:8080/points/charge \\\n" +
        '  -H "Content-Type: application/json" \\\n' +
        '  -d \'{"userId": 1, "amount": 1000}\'\n\n' +
        "curl -X POST http://localhost:8080/orders/order-and-pay \\\n" +
        '  -H "Content-Type: application/json" \\\n' +
        '  -d \'{"userId": 1, "productId": 1, "quantity": 1, "amount": 10000}\'',
      {
        issue: "caution",
        note: t(
          "실제 포인트 충전과 주문/결제를 만듭니다: 테스트 사용자로 실행하고 나중에 정리하세요.",
          "Creates a real point charge and a real order and payment: use a test user and clean up afterwards.",
        ),
      },
    ),
  }),
  step("간단한 부하 테스트", "A short load test", {
    group: performance,
    command: manualBash("k6 run --vus 10 --duration 30s smoke-test.js"),
  }),
  step("핵심 지표 확인", "Check the key metrics", {
    group: performance,
    command: manualBash(
      "curl http://localhost:8080/actuator/metrics/http.server.requests\ncurl http://localhost:8080/actuator/metrics/hikaricp.connections.active",
    ),
  }),
  step("포인트 잔액 정합성 확인", "Check point balances", {
    group: consistency,
    command: manualSql(
      "SELECT user_id, SUM(amount) as calculated_balance\nFROM point_history\nGROUP BY user_id\nHAVING calculated_balance < 0;",
    ),
  }),
  step("주문/결제 정합성 확인", "Check orders against payments", {
    group: consistency,
    command: manualSql(
      "SELECT o.id, o.total_amount, p.amount\nFROM orders o\nLEFT JOIN payments p ON o.id = p.order_id\nWHERE o.status = 'COMPLETED' AND p.amount IS NULL;",
    ),
  }),
];
