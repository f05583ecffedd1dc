// The incident read and the timeline's first page come from the per-instance read cache, which the change bus
// empties: whatever a user changes (a status, a note, an acknowledgement) is in the very next read.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db";
import { createApiToken } from "@/lib/server/tokens";
import { addNote, changeIncident, declareIncident } from "@/lib/server/incidents";
import { GET as READ } from "@/app/api/v1/incidents/[id]/route";
import { GET as TIMELINE } from "@/app/api/v1/incidents/[id]/timeline/route";
import { publish } from "@/lib/server/change-bus";
import { sharedBoardRead } from "@/lib/server/incident-read-cache";
import { actorFor } from "../support/actors";

let token = "";
beforeAll(async () => {
  token = (await createApiToken(await actorFor("admin"), { name: "read-cache", role: "viewer" })).token;
});

const read = async (id: number) =>
  (await (
    await READ(new Request(`http://test/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id: String(id) }),
    })
  ).json()) as { version: number; status: string; escalation: { steps: { key: string; state: string }[] } };

const timeline = async (id: number) =>
  (await (
    await TIMELINE(
      new Request(`http://test/api/v1/incidents/${id}/timeline?order=desc`, { headers: { authorization: `Bearer ${token}` } }),
      {
        params: Promise.resolve({ id: String(id) }),
      },
    )
  ).json()) as { items: { kind: string; message: string }[] };

describe(`incident read cache on ${process.env.DATABASE_URL?.split(":")[0]}`, () => {
  it("a change, a note and a published topic are in the next read", async () => {
    const commander = await actorFor("commander");
    const incident = await declareIncident(commander, { title: "Cached room", severity: "P0" });
    expect((await read(incident.id)).version).toBe(1);
    expect((await read(incident.id)).escalation.steps.length).toBeGreaterThan(0);

    await changeIncident(commander, incident.id, { status: "identified", version: 1 });
    await expect.poll(async () => (await read(incident.id)).status, { timeout: 2_000 }).toBe("identified");

    expect((await timeline(incident.id)).items[0].kind).toBe("status");
    await addNote(commander, incident.id, "cache check");
    await expect.poll(async () => (await timeline(incident.id)).items[0].message, { timeout: 2_000 }).toBe("cache check");

    // a write that announces itself only through the bus (as the escalation scheduler's firings do)
    await prisma.incident.update({ where: { id: incident.id }, data: { title: "Renamed", version: { increment: 1 } } });
    await publish(`incident:${incident.id}`);
    await expect.poll(async () => (await read(incident.id)).version, { timeout: 2_000 }).toBe(3);
  });

  it("an unknown incident stays a 404 (errors are never cached)", async () => {
    const res = await READ(new Request("http://test/api/v1/incidents/99999999", { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id: "99999999" }),
    });
    expect(res.status).toBe(404);
  });

  it("boards asked for at the same moment share one read; a board asked for after a change reads anew", async () => {
    let loads = 0;
    let release = () => {};
    const load = () =>
      new Promise<{ load: number }>((resolve) => {
        const n = ++loads;
        release = () => resolve({ load: n });
      });
    const first = sharedBoardRead("test-variant", load);
    const second = sharedBoardRead("test-variant", load);
    await expect.poll(() => loads).toBe(1);
    release();
    expect(await first).toEqual({ load: 1 });
    expect(await second).toBe(await first);

    // the other variant (contacts shown or not) never shares
    const other = sharedBoardRead("other-variant", load);
    await expect.poll(() => loads).toBe(2);
    release();
    expect(await other).toEqual({ load: 2 });

    // a change announced while a read runs: a request after it does not take that (older) read
    const before = sharedBoardRead("test-variant", load);
    await expect.poll(() => loads).toBe(3);
    const releaseBefore = release;
    await publish("incident:1");
    const after = sharedBoardRead("test-variant", load);
    await expect.poll(() => loads).toBe(4);
    release();
    releaseBefore();
    expect(await before).toEqual({ load: 3 });
    expect(await after).toEqual({ load: 4 });
  });
});
