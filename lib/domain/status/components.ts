// Components of the shop on the public status page and the states they can be in (issue 15).
// A component's state is derived, never typed in: the worst impact among the open incidents that name it,
// "under maintenance" while a window covers it and no incident is worse, else operational.
import type { Severity } from "../severity";
import { oneOf } from "@/lib/domain/one-of";

export const COMPONENT_STATES = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

/** What an incident can do to a component (maintenance is not an incident's doing). */
export const IMPACTS = ["degraded_performance", "partial_outage", "major_outage"] as const;
export type Impact = (typeof IMPACTS)[number];

export const isImpact = oneOf(IMPACTS);

/** Higher = worse; maintenance ranks below any outage so a real failure during a window still shows. */
const RANK: Record<ComponentState, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worseState(a: ComponentState, b: ComponentState): ComponentState {
  return RANK[b] > RANK[a] ? b : a;
}

export function stateRank(state: ComponentState): number {
  return RANK[state];
}

/**
 * The impact a newly declared incident proposes for its components (the commander can change it):
 * P0 whole service down → major outage; P1 core function unusable → partial outage; P2/P3 → degraded.
 */
export function proposedImpact(severity: Severity): Impact {
  if (severity === "P0") return "major_outage";
  if (severity === "P1") return "partial_outage";
  return "degraded_performance";
}

export interface SeedComponent {
  slug: string;
  nameKo: string;
  nameEn: string;
}

/** The shop's components as the manual names them (seeded once; admins edit them in Settings). */
export const SEED_COMPONENTS: readonly SeedComponent[] = [
  { slug: "website", nameKo: "웹사이트", nameEn: "Website" },
  { slug: "orders", nameKo: "주문", nameEn: "Orders" },
  { slug: "payment", nameKo: "결제", nameEn: "Payment" },
  { slug: "points", nameKo: "포인트", nameEn: "Points" },
  { slug: "coupons", nameKo: "쿠폰", nameEn: "Coupons" },
  { slug: "catalog", nameKo: "상품 조회", nameEn: "Product search" },
];

export interface ActiveImpact {
  componentId: string;
  impact: Impact;
}

export interface WindowLike {
  components: string[];
  startsAt: Date;
  endsAt: Date;
  cancelledAt?: Date | null;
}

export function windowActive(w: WindowLike, now: Date): boolean {
  return !w.cancelledAt && w.startsAt.getTime() <= now.getTime() && now.getTime() < w.endsAt.getTime();
}

/** Component ids under maintenance at `now`. */
export function componentsInMaintenance(windows: WindowLike[], now: Date): Set<string> {
  const out = new Set<string>();
  for (const w of windows) if (windowActive(w, now)) for (const c of w.components) out.add(c);
  return out;
}

/** The current state of each component id. */
export function currentStates(
  componentIds: string[],
  impacts: ActiveImpact[],
  windows: WindowLike[],
  now: Date,
): Map<string, ComponentState> {
  const states = new Map<string, ComponentState>(componentIds.map((id) => [id, "operational"]));
  for (const id of componentsInMaintenance(windows, now)) if (states.has(id)) states.set(id, "under_maintenance");
  for (const { componentId, impact } of impacts) {
    const s = states.get(componentId);
    if (s !== undefined) states.set(componentId, worseState(s, impact));
  }
  return states;
}

/** The page's headline: the worst state of all. */
export function overallState(states: Iterable<ComponentState>): ComponentState {
  let worst: ComponentState = "operational";
  for (const s of states) worst = worseState(worst, s);
  return worst;
}
