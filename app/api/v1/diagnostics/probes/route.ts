// Every read-only probe: id, title (ko/en), target kind and timeout, and whether its kind's target was
// configured or is the built-in local default (so an error can say what to set). For pickers and API clients.
import { apiRoute } from "@/lib/server/api";
import { listProbes } from "@/lib/diagnostics";
import { loadTargets } from "@/lib/server/diagnostics/targets";
import type { Target } from "@/lib/diagnostics/types";

export const GET = apiRoute({}, async () => {
  const { targets } = loadTargets();
  const configured = (kind: keyof typeof targets) => (targets[kind] as Target[]).some((t) => t.configured);
  return { items: listProbes().map((p) => ({ ...p, targetConfigured: configured(p.targetKind) })) };
});
