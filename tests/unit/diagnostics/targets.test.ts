import { describe, expect, it } from "vitest";
import { describeTargets, findTarget, maskUrl, parseDiagnosticsConfig, targetLabel, targetsFromEnv } from "@/lib/diagnostics/targets";
import { kafkaClientConfig } from "@/lib/diagnostics/kafka";

describe("targetsFromEnv", () => {
  it("uses the local defaults and marks them as not configured", () => {
    const t = targetsFromEnv({});
    expect(t.redis[0]).toMatchObject({
      kind: "redis",
      name: "default",
      url: "redis://127.0.0.1:6379",
      configured: false,
      lockPatterns: ["MY_LOCK:*", "lock:*"],
    });
    expect(t.mysql[0]).toMatchObject({ url: "mysql://root@127.0.0.1:3306/test", configured: false, indexTable: "orders" });
    expect(t.actuator[0]).toMatchObject({ url: "http://127.0.0.1:8080", configured: false });
    expect(t.prometheus[0]).toMatchObject({ url: "http://127.0.0.1:9090", configured: false, comparator: ">", warning: 1 });
    expect(t.kafka[0]).toMatchObject({
      brokers: ["127.0.0.1:9092"],
      groupId: "hhplus-consumer-group",
      topic: "coupon-issue",
      configured: false,
    });
    expect(t.kubernetes[0]).toMatchObject({ namespace: "default", deployment: "hhplus-app", configured: false });
    expect(t.kubernetes[0].kubeconfig).toBeUndefined();
  });

  it("reads explicit values and marks them configured", () => {
    const t = targetsFromEnv({
      REDIS_URL: "redis://:s3cret@10.0.0.5:6380/2",
      MYSQL_URL: "mysql://app:pa55@db.internal:3306/shop",
      KAFKA_BROKERS: "k1:9092, k2:9092",
      KAFKA_GROUP: "g",
      KUBECONFIG: "/etc/kube/config:/root/.kube/other",
      K8S_NAMESPACE: "prod",
      ACTUATOR_URL: "http://app:8080/",
    });
    expect(t.redis[0]).toMatchObject({ url: "redis://:s3cret@10.0.0.5:6380/2", configured: true });
    expect(t.kafka[0]).toMatchObject({ brokers: ["k1:9092", "k2:9092"], groupId: "g", topic: "coupon-issue", configured: true });
    expect(t.kubernetes[0]).toMatchObject({ kubeconfig: "/etc/kube/config", namespace: "prod", configured: true });
    expect(t.actuator[0].url).toBe("http://app:8080");
    expect(targetLabel(t.redis[0])).toBe("Redis at 10.0.0.5:6380");
    expect(targetLabel(t.mysql[0])).toBe("MySQL at db.internal:3306");
  });

  it("masks passwords and secret headers for display", () => {
    const t = targetsFromEnv({ REDIS_URL: "redis://:s3cret@10.0.0.5:6380/2", MYSQL_URL: "mysql://app:pa55@db:3306/shop" });
    const shown = describeTargets(t);
    const text = JSON.stringify(shown);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("pa55");
    expect(shown.find((d) => d.kind === "redis")).toMatchObject({ address: "redis://:****@10.0.0.5:6380/2", configured: true });
    expect(shown.find((d) => d.kind === "mysql")?.address).toBe("mysql://app:****@db:3306/shop");
    expect(shown.find((d) => d.kind === "prometheus")).toMatchObject({ configured: false });
    expect(maskUrl("http://u:p@h/x?token=abc&x=1")).toBe("http://u:****@h/x?token=****&x=1");
    expect(maskUrl("not a url user:pw@host")).toBe("not a url user:pw@host");
    expect(maskUrl("//user:pw@host")).toBe("//user:****@host");
  });

  it("adds named targets from DIAGNOSTICS_CONFIG and lets one named default replace the env one", () => {
    const config = {
      redis: [
        { name: "locks", url: "redis://:lockpw@10.0.1.1:6379/0", lockPatterns: ["redisson_lock:*"] },
        { name: "cache", url: "redis://10.0.1.2:6379" },
      ],
      mysql: [{ name: "default", url: "mysql://ro:ropw@replica:3306/shop", indexTable: "order_items" }],
      actuator: [{ name: "payments", url: "http://payments:8081", hikariPool: "HikariPool-1", headers: { authorization: "Bearer xyz" } }],
    };
    const files: Record<string, string> = { "/etc/ic/diagnostics.json": JSON.stringify(config) };
    const t = targetsFromEnv({ DIAGNOSTICS_CONFIG: "/etc/ic/diagnostics.json" }, (p) => files[p]);
    expect(t.redis.map((r) => r.name)).toEqual(["default", "locks", "cache"]);
    expect(findTarget(t, "redis", "locks")).toMatchObject({ lockPatterns: ["redisson_lock:*"], configured: true });
    expect(t.mysql).toHaveLength(1);
    expect(t.mysql[0]).toMatchObject({
      name: "default",
      url: "mysql://ro:ropw@replica:3306/shop",
      indexTable: "order_items",
      configured: true,
    });
    expect(findTarget(t, "actuator")?.name).toBe("default");
    expect(findTarget(t, "actuator", "payments")?.hikariPool).toBe("HikariPool-1");
    const shown = JSON.stringify(describeTargets(t));
    expect(shown).not.toMatch(/lockpw|ropw|xyz/);
    expect(shown).toContain('"header authorization":"****"');
  });

  it("refuses an unreadable or invalid config file with a clear message", () => {
    expect(() => targetsFromEnv({ DIAGNOSTICS_CONFIG: "/x.json" }, () => "{not json")).toThrow(
      /DIAGNOSTICS_CONFIG \/x\.json could not be read as JSON/,
    );
    expect(() => parseDiagnosticsConfig({ mysql: [{ name: "m", url: "mysql://x", indexTable: "orders; DROP TABLE x" }] })).toThrow(
      /mysql\.0\.indexTable/,
    );
    expect(() => parseDiagnosticsConfig({ kafka: [{ name: "k", brokers: [], groupId: "g", topic: "t" }] })).toThrow(/kafka\.0\.brokers/);
  });
});

describe("Kafka TLS and SASL (managed clusters)", () => {
  const secured = {
    KAFKA_BROKERS: "b-1.msk:9096",
    KAFKA_SSL: "1",
    KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
    KAFKA_SASL_USERNAME: "ops",
    KAFKA_SASL_PASSWORD: "k@fka-s3cret",
  };

  it("reads TLS and SASL from the environment and hands them to kafkajs", () => {
    const target = targetsFromEnv(secured).kafka[0];
    expect(target).toMatchObject({ ssl: true, sasl: { mechanism: "scram-sha-512", username: "ops", password: "k@fka-s3cret" } });
    const config = kafkaClientConfig(target, 2_000);
    expect(config).toMatchObject({
      brokers: ["b-1.msk:9096"],
      ssl: true,
      sasl: { mechanism: "scram-sha-512", username: "ops", password: "k@fka-s3cret" },
      requestTimeout: 2_000,
    });
    // Plain local brokers stay plain.
    const local = kafkaClientConfig(targetsFromEnv({}).kafka[0], 2_000);
    expect(local.ssl).toBeUndefined();
    expect(local.sasl).toBeUndefined();
  });

  it("shows the mechanism and user in Settings, never the password", () => {
    const shown = describeTargets(targetsFromEnv(secured)).find((d) => d.kind === "kafka");
    expect(shown?.details).toMatchObject({ tls: "on", sasl: "scram-sha-512 as ops (password ****)" });
    expect(JSON.stringify(shown)).not.toContain("k@fka-s3cret");
  });

  it("refuses a half-configured SASL or an unknown mechanism, naming the variable", () => {
    expect(() => targetsFromEnv({ KAFKA_SASL_USERNAME: "ops", KAFKA_SASL_PASSWORD: "x" })).toThrow(
      /KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
    );
    expect(() => targetsFromEnv({ KAFKA_SASL_MECHANISM: "gssapi", KAFKA_SASL_USERNAME: "ops", KAFKA_SASL_PASSWORD: "x" })).toThrow(
      /KAFKA_SASL_MECHANISM/,
    );
    expect(() => targetsFromEnv({ KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "ops" })).toThrow(/KAFKA_SASL_PASSWORD/);
    expect(() => targetsFromEnv({ KAFKA_SSL: "yes" })).toThrow(/KAFKA_SSL must be/);
  });

  it("takes TLS and SASL per target from the config file", () => {
    const config = parseDiagnosticsConfig({
      kafka: [
        {
          name: "prod",
          brokers: ["k:9093"],
          groupId: "g",
          topic: "t",
          ssl: true,
          sasl: { mechanism: "plain", username: "u", password: "p" },
        },
      ],
    });
    const target = findTarget(
      targetsFromEnv({ DIAGNOSTICS_CONFIG: "/x.json" }, () => JSON.stringify(config)),
      "kafka",
      "prod",
    );
    expect(target).toMatchObject({ ssl: true, sasl: { mechanism: "plain", username: "u" } });
    expect(() =>
      parseDiagnosticsConfig({
        kafka: [{ name: "p", brokers: ["k"], groupId: "g", topic: "t", sasl: { mechanism: "kerberos", username: "u", password: "p" } }],
      }),
    ).toThrow(/kafka\.0\.sasl\.mechanism/);
  });
});
