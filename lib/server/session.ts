import "server-only";
// The signed-in user for server components, deduplicated per request.
import { cache } from "react";
import { redirect } from "next/navigation";
import { actorFromSession, type Actor } from "./actor";

export const currentActor = cache(async (): Promise<Actor | null> => actorFromSession());

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}
