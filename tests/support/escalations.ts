// Shared by the escalation tests: a filled-in contacts directory, and a local HTTP sink that stands in
// for Slack webhooks and a Twilio-shaped SMS/voice provider, recording what it received.
import { prisma, type DB } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { actorFor } from "./actors";
import { startHttpServer } from "../services/notify/helpers";

export const CONTACTS = {
  team_lead: { name: "Lead Kim", phone: "+82 10-1111-2222", email: "lead@example.com", slackHandle: "U0LEAD001" },
  department_head: { name: "Head Han", phone: "+82 10-3333-4444", email: "head@example.com", slackHandle: "U0HEAD001" },
  executive: { name: "Exec Yoon", phone: "+82 10-5555-6666", email: "exec@example.com", slackHandle: "@yoon" },
  system_admin: { name: "Sysadmin Seo", phone: "+82 10-7777-8888", email: "sysadmin@example.com", slackHandle: "" },
} as const;

/** Fills the seeded placeholder entries (one per role) of the matrix roles and the system admin. */
export async function setEscalationContacts(db: DB) {
  for (const [role, data] of Object.entries(CONTACTS)) {
    const existing = await db.contact.findFirst({ where: { role }, orderBy: { id: "asc" } });
    if (existing) await db.contact.update({ where: { id: existing.id }, data });
    else await db.contact.create({ data: { role, ...data } });
  }
}

export interface SinkRequest {
  path: string;
  body: string;
  /** the incident the message is about (from Slack's context line or the SMS/voice text) */
  incidentId: number | null;
  /** what identifies one message: a repeat of the same key is a duplicate delivery */
  key: string;
}

export interface Sink {
  url: string;
  requests: SinkRequest[];
  close(): Promise<void>;
}

function describe(path: string, body: string): Omit<SinkRequest, "path" | "body"> {
  if (path.includes("/2010-04-01/")) {
    const form = new URLSearchParams(body);
    const text = form.get("Body") ?? form.get("Twiml") ?? "";
    const id = /#(\d+)\s/.exec(text)?.[1];
    return { incidentId: id ? Number(id) : null, key: `${path.endsWith("Calls.json") ? "phone" : "sms"}|${form.get("To")}|${text}` };
  }
  try {
    const json = JSON.parse(body) as { text?: string; blocks?: { elements?: { text?: string }[] }[] };
    const context =
      json.blocks
        ?.flatMap((b) => b.elements ?? [])
        .map((e) => e.text ?? "")
        .join(" ") ?? "";
    const id = /incident #(\d+)/.exec(context)?.[1];
    return { incidentId: id ? Number(id) : null, key: `slack|${context}|${json.text ?? ""}` };
  } catch {
    return { incidentId: null, key: `raw|${body}` };
  }
}

/** `status` decides each answer (Slack: "ok" or `errorBody`; the SMS/voice API: 201 with a sid). */
export async function startSink(status: (req: SinkRequest) => number, errorBody = "rollup_error"): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const server = await startHttpServer(({ url: path, body }, res) => {
    const recorded = { path, body, ...describe(path, body) };
    requests.push(recorded);
    const code = status(recorded);
    if (path.includes("/2010-04-01/")) {
      res.writeHead(code === 200 ? 201 : code, { "content-type": "application/json" });
      res.end(
        code === 200
          ? JSON.stringify({ sid: `SM${requests.length}`, status: "queued" })
          : JSON.stringify({ code: 20500, message: errorBody, status: code }),
      );
    } else {
      res.writeHead(code, { "content-type": "text/plain" }).end(code === 200 ? "ok" : errorBody);
    }
  });
  return { url: server.url, requests, close: server.close };
}

/** What a test file that pages starts with: the commander, the escalation contacts filled in, a sink answering 200. */
export async function startPaging(): Promise<{ commander: Actor; sink: Sink }> {
  const commander = await actorFor("commander");
  await setEscalationContacts(prisma);
  const sink = await startSink(() => 200);
  return { commander, sink };
}
