import "server-only";
// Where this server's probes connect: REDIS_URL, MYSQL_URL, ACTUATOR_URL, ... and DIAGNOSTICS_CONFIG
// (see lib/diagnostics/targets.ts), read on every run so an operator's change needs no code, and tests
// can point a variable elsewhere. Secrets stay here: the browser only ever gets describeTargets()
// (masked), and everything a probe says passes through the redactor first.
import { describeTargets, targetsFromEnv, type DiagnosticTargets, type TargetDescription } from "@/lib/diagnostics";
import { TARGET_KINDS, type Target } from "@/lib/diagnostics/types";
import { featureEnv } from "../env";

export interface LoadedTargets {
  targets: DiagnosticTargets;
  /** a DIAGNOSTICS_CONFIG that could not be used; the env targets are used instead */
  problem: string | null;
}

export function loadTargets(): LoadedTargets {
  // The diagnostics engine takes an env-like object; this is the one place that hands it the environment.
  const source = featureEnv();
  try {
    return { targets: targetsFromEnv(source), problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const withoutFile = { ...source, DIAGNOSTICS_CONFIG: undefined };
    return { targets: targetsFromEnv(withoutFile), problem: message };
  }
}

export interface TargetsView {
  items: TargetDescription[];
  problem: string | null;
}

/** What an admin sees in Settings and GET /api/v1/diagnostics/targets: addresses with secrets masked. */
export function describeConfiguredTargets(): TargetsView {
  const { targets, problem } = loadTargets();
  return { items: describeTargets(targets), problem: problem ? redactorFor(targets)(problem) : null };
}

/** Every secret a target holds: URL passwords (also URL-encoded), header values, query secrets. */
export function secretsOf(targets: DiagnosticTargets): string[] {
  const secrets = new Set<string>();
  const fromUrl = (raw: string) => {
    try {
      const url = new URL(raw);
      if (url.password) {
        secrets.add(url.password);
        secrets.add(decodeURIComponent(url.password));
      }
      for (const [key, value] of url.searchParams) if (/pass|secret|token|key/i.test(key) && value) secrets.add(value);
    } catch {
      // not a URL: nothing to take from it
    }
  };
  for (const kind of TARGET_KINDS) {
    for (const t of targets[kind] as Target[]) {
      if (t.kind === "redis" || t.kind === "mysql" || t.kind === "actuator" || t.kind === "prometheus") fromUrl(t.url);
      if (t.kind === "actuator") for (const value of Object.values(t.headers ?? {})) if (value) secrets.add(value);
    }
  }
  // Very short strings would mask ordinary words; a 1–2 character password is not worth protecting that way.
  return [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** A function that replaces every known secret in a string with ****. */
export function redactorFor(targets: DiagnosticTargets): (text: string) => string {
  const secrets = secretsOf(targets);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("****"), text);
}

/** Redacts every string inside a JSON-like value (probe data comes from outside systems). */
export function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]));
  }
  return value;
}
