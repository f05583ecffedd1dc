import { requireActor } from "@/lib/server/session";
import { OutboxLog } from "@/components/escalations/outbox-log";

export const metadata = { title: "Notification log" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ incident?: string }> }) {
  await requireActor();
  const { incident } = await searchParams;
  return <OutboxLog incidentId={incident && /^\d{1,9}$/.test(incident) ? Number(incident) : null} />;
}
