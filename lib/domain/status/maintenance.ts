// Scheduled maintenance and alerts: while a window covers every component an alert is about, the alert opens
// no incident automatically (it still shows on the alerts panel and can be opened by hand). Which components
// an alert is about: an Alertmanager label `component` (slugs, comma-separated), else the app's rule's own
// components below. An alert about no known component is never held.
import { windowActive, type WindowLike } from "./components";

/** The manual's rules and the shop components they watch (the signals are the whole shop's unless named). */
export const RULE_COMPONENTS: Record<string, readonly string[]> = {
  HighResponseTime: ["website"],
  HighErrorRate: ["website"],
  LowThroughput: ["website"],
  HighCPUUsage: ["website"],
  HighMemoryUsage: ["website"],
  DiskSpaceLow: ["website"],
  PaymentFailureSpike: ["payment"],
  CouponIssueDelay: ["coupons"],
};

/** Component slugs of an alert: its `component` label, else its rule's. */
export function alertComponents(alertname: string, labels: Record<string, unknown> = {}): string[] {
  const label = labels.component;
  if (typeof label === "string" && label.trim()) {
    return label
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [...(RULE_COMPONENTS[alertname] ?? [])];
}

/** True when every component of the alert is under a running window (windows name component slugs here). */
export function heldByMaintenance(components: string[], windows: WindowLike[], now: Date): boolean {
  if (components.length === 0) return false;
  const covered = new Set(windows.filter((w) => windowActive(w, now)).flatMap((w) => w.components));
  return components.every((c) => covered.has(c));
}
