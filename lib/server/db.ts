import "server-only";
export { prisma, createPrismaClient, type DB } from "./prisma-client";
