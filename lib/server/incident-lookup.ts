import "server-only";
// Light reads of one incident for pages that only need to know it exists or to show its header.
import { prisma } from "./db";

export interface IncidentHeader {
  id: number;
  title: string;
  severity: string;
  scenario: string | null;
}

export async function incidentExists(id: number): Promise<boolean> {
  return (await prisma.incident.findUnique({ where: { id }, select: { id: true } })) !== null;
}

export async function findIncidentHeader(id: number): Promise<IncidentHeader | null> {
  return prisma.incident.findUnique({ where: { id }, select: { id: true, title: true, severity: true, scenario: true } });
}
