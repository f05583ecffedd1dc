// Every read-only probe: id, title (ko/en), target kind and timeout. For pickers and API clients.
import { apiRoute } from "@/lib/server/api";
import { listProbes } from "@/lib/diagnostics";

export const GET = apiRoute({}, async () => ({ items: listProbes() }));
