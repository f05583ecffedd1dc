// The one module that reads process.env (an ESLint rule forbids it elsewhere in the app; tests, scripts,
// bench, e2e and config files are exempt). Two kinds of variables:
// - the core ones, typed and validated here (env()): a bad value stops with a message naming it;
// - each feature's own, listed in FEATURE_VARIABLES and handed raw to that feature's parser through
//   featureEnv(), which validates them with its own messages (alerts/config, lib/notify,
//   lib/diagnostics/targets, postmortems/recovery-config) and may re-read them on every run.
// Every variable named here is in .env.example and vice versa (tests/unit/env-example.test.ts).
// No "server-only" import: the Prisma client module also runs in the seed script outside Next.js; the
// browser has no process.env, so nothing secret can reach it through this module.
import { z } from "zod";
import { ROLES } from "../domain/roles";
import { SIGNAL_IDS } from "../domain/alert-rules";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** scripts/start.sh sets file:./.data/incident-command.db; this default serves tools run by hand */
  DATABASE_URL: z.string().default("file:./dev.db"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Company SSO"),
  /** role given to users created at their first SSO sign-in */
  OIDC_DEFAULT_ROLE: z.enum(ROLES).default("viewer"),
  OIDC_SCOPE: z.string().default("openid email profile"),
  /** claim holding the user's groups (e.g. "groups"); with OIDC_ROLE_MAP, sets the role at every SSO sign-in */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).optional(),
  /** "group=role,group=role"; the most powerful match wins, no match gives OIDC_DEFAULT_ROLE */
  OIDC_ROLE_MAP: z.string().optional(),
  /** "off" disables password sign-in when SSO is configured (the bootstrap ADMIN_EMAIL keeps it) */
  AUTH_PASSWORD: z.enum(["on", "off"]).default("on"),
  /** first-deploy bootstrap: this admin is created or updated at every start (lib/server/startup.ts) */
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  ALLOW_TEST_CLOCK: flag,
  /** Web Push (lib/server/push/vapid.ts): unset, a pair is generated into .data/vapid-keys.json at first use */
  VAPID_PUBLIC_KEY: z.string().trim().min(1).optional(),
  VAPID_PRIVATE_KEY: z.string().trim().min(1).optional(),
  /** mailto: or https: contact sent to push services */
  VAPID_SUBJECT: z
    .string()
    .trim()
    .regex(/^(mailto:|https:\/\/)\S+$/, "VAPID_SUBJECT must be a mailto: or https:// URL")
    .optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

/** Read process.env again at the next env(): for tests that set variables after something in the process read them. */
export function reloadEnv(): void {
  cached = undefined;
}

/** The variables each feature validates itself (see the top of this file). */
export const FEATURE_VARIABLES = [
  // metrics and alerts (lib/server/alerts/config.ts)
  "METRICS_SOURCE",
  "PROMETHEUS_URL",
  "PROMETHEUS_TIMEOUT_MS",
  ...SIGNAL_IDS.map((s) => `PROMETHEUS_QUERY_${s.toUpperCase()}`),
  "PROMETHEUS_PAYMENT_FAILURE_METRIC",
  "PROMETHEUS_COUPON_LAG_METRIC",
  "PROMETHEUS_MOUNTPOINT",
  "SIMULATOR_SEED",
  "ALERTMANAGER_TOKEN",
  "ALERTS_AUTO_OPEN",
  "ALERT_EVAL_INTERVAL_MS",
  "ALERT_ENGINE_DISABLED",
  // notification channels (lib/notify/config.ts)
  "SLACK_WEBHOOK_URL",
  "SLACK_WEBHOOK_EMERGENCY",
  "SLACK_WEBHOOK_ALERTS",
  "SLACK_WEBHOOK_MONITORING",
  "SMTP_URL",
  "SMTP_HOST",
  "SMTP_PORT",
  "SMTP_USER",
  "SMTP_PASS",
  "SMTP_SECURE",
  "SMTP_FROM",
  "SMS_PROVIDER_URL",
  "SMS_ACCOUNT_SID",
  "SMS_AUTH_TOKEN",
  "SMS_FROM",
  // status page subscriber email (lib/server/status/deliver.ts); falls back to the SMTP_* settings
  "STATUS_SMTP_URL",
  "STATUS_SMTP_FROM",
  // acknowledging from the page (lib/server/reach/config.ts): Slack's interactivity signing secret
  "SLACK_SIGNING_SECRET",
  // diagnostics targets (lib/diagnostics/targets.ts); MYSQL_URL and ACTUATOR_URL also serve recovery checks
  "REDIS_URL",
  "MYSQL_URL",
  "ACTUATOR_URL",
  "KAFKA_BROKERS",
  "KAFKA_GROUP",
  "KAFKA_TOPIC",
  "KAFKA_SSL",
  "KAFKA_SASL_MECHANISM",
  "KAFKA_SASL_USERNAME",
  "KAFKA_SASL_PASSWORD",
  "KUBECONFIG",
  "K8S_NAMESPACE",
  "K8S_DEPLOYMENT",
  "DIAGNOSTICS_CONFIG",
  // recovery checks (lib/server/postmortems/recovery-config.ts)
  "RECOVERY_TIMEOUT_MS",
  "RECOVERY_MYSQL_URL",
  "RECOVERY_PG_URL",
  // the seed (prisma/seed.mts): demo users on PostgreSQL too (always on SQLite)
  "DEMO_USERS",
] as const;

/** Every variable the app reads. */
export const ENV_VARIABLES: readonly string[] = [...Object.keys(schema.shape), ...FEATURE_VARIABLES];

/** The environment for a feature's own parser: read live, so a changed variable counts at the next read. */
export function featureEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function oidcConfigured(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/** Password sign-in is allowed for this email (AUTH_PASSWORD=off keeps it only for the bootstrap admin). */
export function passwordSignInAllowed(email: string, e: Env = env()): boolean {
  if (e.AUTH_PASSWORD !== "off" || !oidcConfigured(e)) return true;
  return Boolean(e.ADMIN_EMAIL) && e.ADMIN_EMAIL!.trim().toLowerCase() === email.trim().toLowerCase();
}
