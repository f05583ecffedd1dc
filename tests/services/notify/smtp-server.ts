// A tiny SMTP server for tests (node:net): enough of EHLO/HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA,
// RSET, NOOP and QUIT for nodemailer. Recipients starting with "reject" get 550, "later" get 451.
import { createServer, type AddressInfo, type Socket } from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  auth?: { user: string; pass: string };
}

export interface SmtpTestServer {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** `port` 0 = any free port; a fixed one for a server configured before the capture starts (e2e). */
export async function startSmtpServer(port = 0): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let authStep: "" | "user" | "pass" = "";
    let current: ReceivedMail = { from: "", to: [], data: "" };
    let auth: ReceivedMail["auth"];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
    reply("220 localhost ESMTP test");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          // undo dot-stuffing (RFC 5321 4.5.2)
          current.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ ...current, ...(auth ? { auth } : {}) });
          current = { from: "", to: [], data: "" };
          reply(`250 2.0.0 OK queued as M${mails.length}`);
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (authStep === "user") {
          auth = { user: decode(line), pass: "" };
          authStep = "pass";
          reply("334 UGFzc3dvcmQ6");
          continue;
        }
        if (authStep === "pass") {
          auth = { user: auth?.user ?? "", pass: decode(line) };
          authStep = "";
          reply("235 2.7.0 Authentication successful");
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") {
          socket.write("250-localhost\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SMTPUTF8\r\n");
        } else if (verb === "HELO") reply("250 localhost");
        else if (line.toUpperCase().startsWith("AUTH PLAIN ")) {
          const [, user, pass] = decode(line.slice(11)).split("\u0000");
          auth = { user, pass };
          reply("235 2.7.0 Authentication successful");
        } else if (line.toUpperCase().startsWith("AUTH LOGIN")) {
          authStep = "user";
          reply("334 VXNlcm5hbWU6");
        } else if (verb === "MAIL") {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 2.1.0 OK");
        } else if (verb === "RCPT") {
          const rcpt = /<([^>]*)>/.exec(line)?.[1] ?? "";
          if (rcpt.startsWith("reject")) reply("550 5.1.1 No such user");
          else if (rcpt.startsWith("later")) reply("451 4.3.0 Try again later");
          else {
            current.to.push(rcpt);
            reply("250 2.1.5 OK");
          }
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "RSET") {
          current = { from: "", to: [], data: "" };
          reply("250 OK");
        } else if (verb === "NOOP") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
        } else reply("502 5.5.2 Command not implemented");
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Headers unfolded, and the text body decoded from quoted-printable or base64. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headerBlock = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of headerBlock.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.slice(split + 4);
  const cte = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  let text = body;
  if (cte === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (cte === "quoted-printable") text = decodeQp(body);
  return { headers, text };
}

function decodeQp(body: string): string {
  const soft = body.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=); whitespace between words is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
    );
}
