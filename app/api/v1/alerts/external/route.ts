import { apiRoute } from "@/lib/server/api";
import { AppError } from "@/lib/server/errors";
import { invalidCursor } from "@/lib/server/pagination";
import { decodeCursor, MAX_PAGE, readExternalPage } from "@/lib/server/alerts/read-model";

export const dynamic = "force-dynamic";

/**
 * Alertmanager's alerts page by page: `{items, nextCursor, total}`, firing first, newest first.
 * `?cursor=` from the previous page, `?limit=` 1–500 (default 100), `?status=firing` for firing only.
 */
export const GET = apiRoute({}, async ({ request }) => {
  const url = new URL(request.url);
  const rawCursor = url.searchParams.get("cursor");
  const cursor = rawCursor ? decodeCursor(rawCursor) : null;
  // the same answer as every other list's foreign cursor: 400 in the asker's language
  if (rawCursor && !cursor) throw invalidCursor(request);
  const rawLimit = url.searchParams.get("limit");
  const limit = rawLimit === null ? undefined : Number(rawLimit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE)) {
    throw new AppError("validation_failed", `limit must be a whole number from 1 to ${MAX_PAGE}.`, { limit: `1–${MAX_PAGE}` });
  }
  const status = url.searchParams.get("status");
  if (status !== null && status !== "firing" && status !== "all")
    throw new AppError("validation_failed", "status must be firing or all.", { status: "firing | all" });
  const page = await readExternalPage({ limit, cursor, firingOnly: status === "firing" });
  return { items: page.items, nextCursor: page.nextCursor, total: page.total };
});
