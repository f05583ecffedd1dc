// Helpers to write runbook steps, and the manual's commands that recur in several scenarios with
// their corrections (reference/contracts.md §7.2 and "Corrections to the manual's commands").
import type { CommandIssue, CommandLanguage, Localized, ProbeId, RunbookCommand, StepDef } from "../runbook-types";

interface CommandExtra {
  corrected?: string;
  issue?: CommandIssue;
  note?: Localized;
}

function command(language: CommandLanguage, text: string, source: "manual" | "added", extra: CommandExtra): RunbookCommand {
  const c: RunbookCommand = { language, text, source };
  if (extra.corrected !== undefined) c.corrected = extra.corrected;
  if (extra.issue !== undefined) c.issue = extra.issue;
  if (extra.note !== undefined) c.note = extra.note;
  return c;
}

/** A command as the manual prints it. */
export const manualBash = (text: string, extra: CommandExtra = {}) => command("bash", text, "manual", extra);
export const manualSql = (text: string, extra: CommandExtra = {}) => command("sql", text, "manual", extra);
/** A command the manual does not have (shown as a suggestion). */
export const addedBash = (text: string, extra: CommandExtra = {}) => command("bash", text, "added", extra);
export const addedSql = (text: string, extra: CommandExtra = {}) => command("sql", text, "added", extra);
export const addedPromql = (text: string, extra: CommandExtra = {}) => command("promql", text, "added", extra);

export const t = (ko: string, en: string): Localized => ({ ko, en });

interface StepExtra {
  command?: RunbookCommand;
  probeId?: ProbeId | null;
  group?: Localized;
}
/** A step the manual lists. */
export const step = (ko: string, en: string, extra: StepExtra = {}): StepDef => ({ text: { ko, en }, ...extra });
/** A step the manual does not list, added by the runbook authors. */
export const added = (ko: string, en: string, extra: StepExtra = {}): StepDef => ({ text: { ko, en }, source: "added", ...extra });

/** A command's note followed by the step's own warning, if it has one, in both languages. */
const noteWith = (base: Localized, extra?: Localized): Localized => (extra ? t(`${base.ko} ${extra.ko}`, `${base.en} ${extra.en}`) : base);

/** `kubectl restart` does not exist: kubectl answers `Error: unknown command "restart" for "kubectl"`. */
export function kubectlRestart(deployment: string, extraWarning?: Localized): RunbookCommand {
  const base = t(
    "`kubectl restart`는 없는 명령입니다(unknown command). `kubectl rollout restart`는 파드를 차례로 교체하고 `rollout status`로 끝을 확인합니다.",
    "`kubectl restart` is not a kubectl command (unknown command); `kubectl rollout restart` replaces the pods one by one, and `rollout status` shows when it is done.",
  );
  return manualBash(`kubectl restart deployment/${deployment}`, {
    corrected: `kubectl rollout restart deployment/${deployment}\nkubectl rollout status deployment/${deployment}`,
    issue: "wrong",
    note: noteWith(base, extraWarning),
  });
}

/** `kubectl set env` is valid but changes the pod template: a rolling restart, reverted by the next deploy. */
export function kubectlSetEnv(deployment: string, assignment: string, extra?: Localized): RunbookCommand {
  const base = t(
    "파드 템플릿이 바뀌어 롤링 재시작(rollout)이 일어납니다. 값은 클러스터에만 남아 다음 배포/GitOps 동기화가 되돌립니다.",
    "Changes the pod template, so it causes a rollout (rolling restart); the value lives only in the cluster and the next deploy or GitOps sync reverts it.",
  );
  return manualBash(`kubectl set env deployment/${deployment} ${assignment}`, {
    corrected: `kubectl set env deployment/${deployment} ${assignment}\nkubectl rollout status deployment/${deployment}`,
    issue: "caution",
    note: noteWith(base, extra),
  });
}

/** `kubectl scale` is valid; an HPA or GitOps overrides it. */
export function kubectlScale(deployment: string, replicas: number, extra?: Localized): RunbookCommand {
  const base = t(
    "HPA가 있으면 값을 덮어쓰고 GitOps는 되돌립니다: 먼저 `kubectl get hpa`를 확인하세요.",
    "An HPA overrides the value and GitOps reverts it: check `kubectl get hpa` first.",
  );
  return manualBash(`kubectl scale deployment/${deployment} --replicas=${replicas}`, {
    issue: "caution",
    note: noteWith(base, extra),
  });
}

export const REDIS_KEYS_COUNT = manualBash('redis-cli keys "MY_LOCK:*" | wc -l', {
  corrected: "redis-cli --scan --pattern 'MY_LOCK:*' | wc -l",
  issue: "dangerous",
  note: t(
    "KEYS는 전체 키 공간을 한 번에 훑으며 Redis를 막습니다(50만 키에서 35 ms, 키 수에 비례): 락 지연 장애 중에 모든 클라이언트를 더 멈춥니다. SCAN 기반 --scan을 쓰세요.",
    "KEYS walks the whole keyspace in one blocking call (35 ms at 500k keys, linear in key count) and stalls every client during a lock-latency incident; use the SCAN-based --scan.",
  ),
});

export const ACTUATOR_HEALTH = "curl http://localhost:8080/actuator/health";
