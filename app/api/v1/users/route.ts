import { apiRoute } from "@/lib/server/api";
import { prisma } from "@/lib/server/db";

// People who can be assigned as commander (everyone but viewers).
export const GET = apiRoute({}, async () => {
  const users = await prisma.user.findMany({ where: { role: { not: "viewer" } }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
  return { items: users };
});
