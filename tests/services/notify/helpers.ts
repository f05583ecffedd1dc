// Test-only helpers: a real HTTP server on 127.0.0.1 with a random free port, and a delivery factory.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Delivery } from "@/lib/domain/notification-plan";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startHttpServer(handler: (req: RecordedRequest, res: ServerResponse, index: number) => void): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      handler(recorded, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that nothing listens on: bind, read the port, close. */
export async function freeClosedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    idempotencyKey: "incident:42|escalation:team_lead|slack|#emergency",
    incidentId: "42",
    event: "escalation",
    channel: "slack",
    to: "#emergency",
    recipient: null,
    mentions: ["U0LEAD001"],
    severity: "P0",
    subject: { ko: "[P0 에스컬레이션] #42 주문 <API> & 결제", en: "[P0 escalation] #42 orders <API> & payments" },
    message: { ko: "팀 리더 알림: 15분 경과", en: "Notifying the team lead: 15 min" },
    link: "https://ic.example/incidents/42?tab=a&b=1",
    notBefore: null,
    ...overrides,
  };
}
