import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";
import { getPostmortem } from "@/lib/server/postmortems/postmortems";

/** The postmortem for a page, or the route's not-found page (a malformed id is simply not found). */
export async function loadPostmortem(id: string) {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) notFound();
  try {
    return await getPostmortem(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
