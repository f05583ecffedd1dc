import { requireActor } from "@/lib/server/session";
import { MyShifts } from "@/components/oncall/my-shifts";

export const metadata = { title: "My shifts" };

export default async function MyShiftsPage() {
  await requireActor();
  return <MyShifts />;
}
