// POST {kind, name?}: one read-only connection check against a configured target (admins).
import { z } from "zod";
import { safeString } from "@/lib/domain/safe-text";
import { apiRoute } from "@/lib/server/api";
import { TARGET_KINDS } from "@/lib/diagnostics/types";
import { testConnection } from "@/lib/server/diagnostics/connection-test";

const input = z.strictObject({
  kind: z.enum(TARGET_KINDS, { error: `kind must be one of: ${TARGET_KINDS.join(", ")}.` }),
  name: safeString().min(1).max(64).optional(),
});

export const dynamic = "force-dynamic";

export const POST = apiRoute({ permission: "settings.manage", body: input }, async ({ actor, body }) =>
  testConnection(actor, body.kind, body.name),
);
