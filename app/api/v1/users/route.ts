import { apiRoute } from "@/lib/server/api";
import { prisma } from "@/lib/server/db";
import { listUsers } from "@/lib/server/users";

// Without ?all: people who can be assigned as commander (active, everyone but viewers).
// With ?all (admins): every user with role, sign-in methods and last sign-in, for user management.
export const GET = apiRoute({}, async ({ actor, request }) => {
  if (new URL(request.url).searchParams.has("all")) return { items: await listUsers(actor) };
  const users = await prisma.user.findMany({
    where: { role: { not: "viewer" }, active: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
  return { items: users };
});
