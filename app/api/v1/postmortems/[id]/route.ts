import { apiRoute } from "@/lib/server/api";
import { getPostmortem, saveSectionsInput, savePostmortemSections } from "@/lib/server/postmortems/postmortems";

export const GET = apiRoute({}, async ({ params }) => getPostmortem(params.id));

/** Autosave: {sections, version}; 409 with {current: {sections, version, updatedAt, updatedByName}} when stale. */
export const PUT = apiRoute({ permission: "postmortem.edit", body: saveSectionsInput }, async ({ actor, body, params }) =>
  savePostmortemSections(actor, params.id, body),
);
