import "server-only";
// The people a schedule names: every user by name, with whether they can be on call (deactivated accounts stay listed
// so a rota that still names them can say so; the editor offers only active ones).
import { prisma } from "../db";

export interface Person {
  id: string;
  name: string;
  active: boolean;
}

export async function listPeople(): Promise<Person[]> {
  return prisma.user.findMany({ select: { id: true, name: true, active: true }, orderBy: { name: "asc" } });
}
