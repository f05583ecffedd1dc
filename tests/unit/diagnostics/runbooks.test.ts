import { describe, expect, it } from "vitest";
import { PROBES, probeIdsForScenario } from "@/lib/diagnostics/registry";
import {
  PROBE_IDS,
  RUNBOOKS,
  allSteps,
  commandToRun,
  findStep,
  getRunbook,
  probeIdsOfScenario,
  type RunbookCommand,
} from "@/lib/domain/runbooks";
import { SCENARIOS, SCENARIO_SLUGS } from "@/lib/domain/scenarios";

const commands: RunbookCommand[] = RUNBOOKS.flatMap((r) => allSteps(r).flatMap((s) => (s.command ? [s.command] : [])));
const manualCommand = (fragment: string) => {
  const found = commands.filter((c) => c.source === "manual" && c.text.includes(fragment));
  expect(found.length, `a manual command containing ${fragment}`).toBeGreaterThan(0);
  return found;
};
const HANGUL = /[\uac00-\ud7a3]/;

describe("runbooks", () => {
  it("exist for every scenario, in scenario order, with the scenario's section and title", () => {
    expect(RUNBOOKS.map((r) => r.slug)).toEqual([...SCENARIO_SLUGS]);
    for (const s of SCENARIOS) {
      const r = getRunbook(s.slug);
      expect([r.section, r.title]).toEqual([s.section, s.title]);
      expect(r.symptoms.length, s.slug).toBeGreaterThanOrEqual(3);
      expect(r.diagnostics.length, s.slug).toBeGreaterThanOrEqual(3);
      expect(r.respond.length, s.slug).toBeGreaterThanOrEqual(2);
      expect(r.recovery.length, s.slug).toBeGreaterThanOrEqual(6); // the manual's section 4 checks at least
    }
  });

  it("give every step a unique, stable id of the form <slug>.<section>.<n>", () => {
    const ids = RUNBOOKS.flatMap((r) => allSteps(r).map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RUNBOOKS) {
      for (const s of allSteps(r))
        expect(s.id).toMatch(new RegExp(`^${r.slug}\\.(symptom|diagnose|respond|rootCause|fix|recovery)\\.\\d+$`));
    }
    expect(findStep("redis-lock-timeout.respond.1")?.text.ko).toBe("Redis 재시작");
    expect(findStep("redis-lock-timeout.diagnose.3")?.text.ko).toBe("활성 락 개수 확인");
    expect(findStep("db-deadlock.recovery.1")?.text.ko).toBe("데이터 정합성 검증");
    expect(findStep("kafka-consumer-lag.respond.2")?.command?.text).toContain("--partitions 10");
    expect(findStep("nope.respond.1")).toBeUndefined();
  });

  it("have Korean and English text everywhere; the manual's own steps are Korean", () => {
    for (const r of RUNBOOKS) {
      for (const s of allSteps(r)) {
        expect(s.text.ko.trim(), s.id).not.toBe("");
        expect(s.text.en.trim(), s.id).not.toBe("");
        expect(HANGUL.test(s.text.ko), s.id).toBe(true);
        expect(HANGUL.test(s.text.en), s.id).toBe(false);
        if (s.command?.note) {
          expect(HANGUL.test(s.command.note.ko), s.id).toBe(true);
          expect(s.command.note.en, s.id).not.toBe("");
        }
      }
    }
  });

  it("reference only probes of the registry, and every probe serves some scenario", () => {
    expect(Object.keys(PROBES).sort()).toEqual([...PROBE_IDS].sort());
    const used = new Set<string>();
    for (const r of RUNBOOKS) {
      for (const d of r.diagnostics) {
        if (d.probeId) {
          expect(PROBES[d.probeId], d.id).toBeDefined();
          expect(PROBES[d.probeId].id).toBe(d.probeId);
          used.add(d.probeId);
        }
      }
      expect(probeIdsForScenario(r.slug)).toEqual(probeIdsOfScenario(r.slug));
    }
    expect([...used].sort()).toEqual([...PROBE_IDS].sort());
  });

  it("list a scenario's probes once each, in runbook order", () => {
    expect(probeIdsOfScenario("redis-lock-timeout")).toEqual(["redis.ping", "redis.memory", "redis.locks", "redis.clients"]);
    expect(probeIdsOfScenario("db-deadlock")).toEqual(["mysql.deadlock", "mysql.transactions", "mysql.lockWaits"]);
    expect(probeIdsOfScenario("redis-cache-down")).toEqual(["redis.ping", "actuator.health"]); // ping and telnet share a probe
    expect(probeIdsOfScenario("kafka-consumer-lag")).toEqual(["kafka.consumerLag"]);
  });

  it("keep the manual's wrong or dangerous commands and give the corrected form with a reason", () => {
    for (const c of manualCommand("kubectl restart deployment/")) {
      expect(c.corrected).toMatch(/^kubectl rollout restart deployment\/\S+\nkubectl rollout status deployment\/\S+$/);
      expect(c.issue).toBe("wrong");
    }
    const redisRestart = manualCommand("kubectl restart deployment/redis")[0];
    expect(redisRestart.note?.en).toContain("drops every lock");
    expect(redisRestart.note?.ko).toContain("모든 락");

    const [keys] = manualCommand('redis-cli keys "MY_LOCK:*"');
    expect(keys.corrected).toBe("redis-cli --scan --pattern 'MY_LOCK:*' | wc -l");
    expect(keys.issue).toBe("dangerous");

    const [locks] = manualCommand("information_schema.INNODB_LOCKS");
    expect(locks.corrected).toBe("SELECT * FROM sys.innodb_lock_waits;");
    expect(locks.note?.en).toMatch(/MySQL 8\.0.*data_lock_waits.*MariaDB keeps information_schema\.INNODB_LOCK_WAITS/);

    const [console] = manualCommand("kafka-console-consumer");
    expect(console.corrected).toBe("kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group hhplus-consumer-group");
    expect(console.issue).toBe("wrong");

    for (const c of manualCommand("kubectl set env")) expect(c.note?.en).toContain("causes a rollout");

    const [slowLog] = manualCommand("mysql.slow_log");
    expect(slowLog.note?.en).toMatch(/log_output includes TABLE and slow_query_log=ON/);
    expect(slowLog.corrected).toContain("SHOW VARIABLES");

    const [index] = manualCommand("SHOW INDEX FROM orders;");
    expect(index.text).toBe("SHOW INDEX FROM orders;\nEXPLAIN SELECT * FROM orders WHERE user_id = 1;");
    expect(index.note?.en).toContain("Run the two statements separately");

    const [replica] = manualCommand("redis-slave");
    expect(replica.corrected).toContain('"app":"redis-replica"');
    expect(replica.note?.en).toContain("'replica'");
  });

  it("never carry a known mistake into a corrected form, and explain every correction", () => {
    for (const c of commands) {
      if (c.corrected !== undefined) {
        expect(c.note, c.text).toBeDefined();
        expect(c.corrected).not.toMatch(/kubectl restart |redis-cli keys|INNODB_LOCKS|kafka-console-consumer|redis-slave/);
        expect(commandToRun(c)).toBe(c.corrected);
      } else {
        expect(commandToRun(c)).toBe(c.text);
      }
      if (c.issue === "wrong" || c.issue === "dangerous") expect(c.note, c.text).toBeDefined();
    }
  });

  it("keep the manual's commands verbatim", () => {
    expect(manualCommand("redis-cli info memory")[0].text).toBe("redis-cli info memory");
    expect(manualCommand("SHOW ENGINE INNODB STATUS")[0].text).toBe("SHOW ENGINE INNODB STATUS\\G");
    expect(manualCommand("hikaricp.connections.active").map((c) => c.text)).toContain(
      "curl http://localhost:8080/actuator/metrics/hikaricp.connections.active",
    );
    expect(manualCommand("--replicas=5").map((c) => c.text)).toEqual([
      "kubectl scale deployment/hhplus-app --replicas=5",
      "kubectl scale deployment/coupon-consumer --replicas=5",
    ]);
  });
});
