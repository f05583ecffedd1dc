import { describe, expect, it } from "vitest";
import { adapterFor, configuredAdapters, describeNotifyConfig, notifyConfigFromEnv } from "@/lib/notify/config";
import { createNotifyRouter } from "@/lib/notify";
import { delivery } from "./helpers";

describe("notifyConfigFromEnv", () => {
  it("configures nothing from an empty env: every channel goes to the outbox", () => {
    const config = notifyConfigFromEnv({});
    expect(config).toEqual({ slack: null, email: null, sms: null, problems: [] });
    const router = createNotifyRouter(config);
    for (const channel of ["slack", "email", "sms", "phone"] as const) {
      expect(router.notifierFor(delivery({ channel })).kind).toBe("outbox");
    }
    expect(describeNotifyConfig(config).channels.every((c) => c.adapter === "outbox")).toBe(true);
  });

  it("reads per-channel Slack webhooks, SMTP host fields and the SMS provider", () => {
    const config = notifyConfigFromEnv({
      SLACK_WEBHOOK_EMERGENCY: "https://hooks.slack.com/services/T000/B111/emergencySecret1234",
      SLACK_WEBHOOK_ALERTS: " ",
      SMTP_HOST: "smtp.example.com",
      SMTP_PORT: "465",
      SMTP_USER: "bot",
      SMTP_PASS: "smtp-pass-123",
      SMTP_FROM: "incidents@example.com",
      SMS_PROVIDER_URL: "https://sms.example.com",
      SMS_ACCOUNT_SID: "AC0123456789abcdef",
      SMS_AUTH_TOKEN: "tokensecretvalue",
      SMS_FROM: "+15550001111",
    });
    expect(config.slack).toEqual({ webhooks: { "#emergency": "https://hooks.slack.com/services/T000/B111/emergencySecret1234" } });
    expect(config.email).toEqual({
      host: "smtp.example.com",
      port: 465,
      secure: true,
      user: "bot",
      pass: "smtp-pass-123",
      from: "incidents@example.com",
    });
    expect(config.sms).toEqual({
      baseUrl: "https://sms.example.com",
      accountSid: "AC0123456789abcdef",
      authToken: "tokensecretvalue",
      from: "+15550001111",
    });

    const router = createNotifyRouter(config);
    expect(router.notifierFor(delivery({ to: "#emergency" })).kind).toBe("slack");
    expect(router.notifierFor(delivery({ to: "#alerts" })).kind).toBe("outbox");
    expect(router.notifierFor(delivery({ channel: "email" })).kind).toBe("email");
    expect(router.notifierFor(delivery({ channel: "phone" })).kind).toBe("phone");
  });

  it("accepts one SLACK_WEBHOOK_URL for every channel and an SMTP_URL", () => {
    const config = notifyConfigFromEnv({
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T000/B000/allChannels9999",
      SMTP_URL: "smtps://bot%40example.com:p%40ss@mail.example.com",
      SMTP_FROM: "incidents@example.com",
    });
    expect(config.slack).toEqual({ webhooks: {}, fallbackUrl: "https://hooks.slack.com/services/T000/B000/allChannels9999" });
    expect(config.email).toMatchObject({ host: "mail.example.com", port: 465, secure: true, user: "bot@example.com", pass: "p@ss" });
    expect(createNotifyRouter(config).notifierFor(delivery({ to: "#monitoring" })).kind).toBe("slack");
  });

  it("the readiness check sees the adapters the router uses: per Slack channel, SMS and calls from one provider", () => {
    const config = notifyConfigFromEnv({
      SLACK_WEBHOOK_EMERGENCY: "https://hooks.slack.com/services/T000/B111/emergencySecret1234",
      SMS_ACCOUNT_SID: "AC0123456789abcdef",
      SMS_AUTH_TOKEN: "tokensecretvalue",
      SMS_FROM: "+15550001111",
    });
    expect(configuredAdapters(config)).toEqual({
      slack: { "#emergency": true, "#alerts": false, "#monitoring": false },
      email: false,
      sms: true,
      phone: true,
    });
    const router = createNotifyRouter(config);
    for (const [channel, to] of [
      ["slack", "#emergency"],
      ["slack", "#alerts"],
      ["email", "a@example.com"],
      ["sms", "+8210"],
      ["phone", "+8210"],
    ] as const) {
      expect(adapterFor(config, channel, to)).toBe(router.notifierFor(delivery({ channel, to })).kind);
    }
    expect(configuredAdapters(notifyConfigFromEnv({ SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/all" })).slack).toEqual({
      "#emergency": true,
      "#alerts": true,
      "#monitoring": true,
    });
  });

  it("reports incomplete or invalid settings and falls back to the outbox", () => {
    const config = notifyConfigFromEnv({
      SLACK_WEBHOOK_EMERGENCY: "not a url",
      SMTP_HOST: "smtp.example.com",
      SMS_ACCOUNT_SID: "AC1",
    });
    expect(config.slack).toBeNull();
    expect(config.email).toBeNull();
    expect(config.sms).toBeNull();
    expect(config.problems).toEqual([
      "SLACK_WEBHOOK_EMERGENCY is not an http(s) URL",
      "SMTP_FROM is required to send email",
      "SMS/voice needs SMS_AUTH_TOKEN, SMS_FROM",
    ]);
  });

  it("describes the configuration for Settings without revealing secrets", () => {
    const env = {
      SLACK_WEBHOOK_EMERGENCY: "https://hooks.slack.com/services/T000/B111/emergencySecret1234",
      SMTP_URL: "smtp://bot:smtp-pass-123@mail.example.com:2525",
      SMTP_FROM: "incidents@example.com",
      SMS_ACCOUNT_SID: "AC0123456789abcdef",
      SMS_AUTH_TOKEN: "tokensecretvalue",
      SMS_FROM: "+15550001111",
    };
    const described = describeNotifyConfig(notifyConfigFromEnv(env));
    const text = JSON.stringify(described);
    for (const secret of ["emergencySecret", "smtp-pass-123", "tokensecretvalue", "0123456789ab"]) expect(text).not.toContain(secret);
    expect(described.channels).toEqual([
      { channel: "slack", target: "#emergency", adapter: "slack", detail: "https://hooks.slack.com/••••1234" },
      { channel: "slack", target: "#alerts", adapter: "outbox", detail: "in-app outbox (not configured)" },
      { channel: "slack", target: "#monitoring", adapter: "outbox", detail: "in-app outbox (not configured)" },
      { channel: "email", adapter: "email", detail: "smtp://bot:••••@mail.example.com:2525 from incidents@example.com" },
      { channel: "sms", adapter: "sms", detail: "https://api.twilio.com account ••••cdef token •••• from +15550001111" },
      { channel: "phone", adapter: "phone", detail: "https://api.twilio.com account ••••cdef token •••• from +15550001111" },
    ]);
  });
});
