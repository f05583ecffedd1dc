// A stand-in for a browser's push service (FCM, Mozilla autopush, Apple), on 127.0.0.1: it holds the subscriptions'
// private keys as a browser would, and for every push it receives it checks the VAPID Authorization header (RFC 8292)
// and decrypts the aes128gcm body (RFC 8291 + RFC 8188) — written here from the RFCs with node:crypto only, never
// with the app's library, so a wrong key, a wrong audience or a broken encryption fails the test.
import { createECDH, createDecipheriv, createHmac, createPublicKey, randomBytes, verify, type ECDH } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const b64u = (buf: Buffer) => buf.toString("base64url");

export interface TestDevice {
  /** what the browser gives PushSubscription.toJSON() */
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface ReceivedPush {
  device: string;
  headers: Record<string, string | string[] | undefined>;
  /** the decrypted payload (JSON text) */
  plaintext: string;
  vapid: { header: Record<string, unknown>; claims: Record<string, unknown>; publicKey: string };
}

export interface PushServiceStub {
  origin: string;
  /** a fresh device (its own key pair and auth secret) with an endpoint on this service */
  device(name: string): TestDevice;
  received: ReceivedPush[];
  /** requests that failed a check (bad VAPID, undecryptable): each with the reason */
  rejected: { device: string; reason: string }[];
  /** what the service answers for a device (default 201) */
  answer(device: string, status: number): void;
  close(): Promise<void>;
}

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** RFC 8291 section 3.4 + RFC 8188 section 2: one record, the whole payload. */
export function decryptAes128gcm(body: Buffer, device: Pick<TestDevice, "ecdh" | "authSecret">): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (idlen !== 65 || asPublic[0] !== 0x04) throw new Error(`keyid is not an uncompressed P-256 point (idlen ${idlen})`);
  if (ciphertext.length > rs) throw new Error("more than one record");
  const uaPublic = device.ecdh.getPublicKey();
  const ecdhSecret = device.ecdh.computeSecret(asPublic);
  // PRK_key = HMAC(auth_secret, ecdh_secret); IKM = HKDF-Expand(PRK_key, "WebPush: info" 0x00 ua_public as_public, 32)
  const prkKey = hmac(device.authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  // PRK = HKDF-Extract(salt, IKM); CEK and NONCE expanded from it
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // the last record ends with the delimiter 0x02, then zero padding
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 0x02) throw new Error("the last record's padding delimiter is not 0x02");
  return padded.subarray(0, end).toString("utf8");
}

/** RFC 8292: "vapid t=<JWT>, k=<public key>"; the JWT is ES256 over the key in k, aud = the push service's origin. */
export function checkVapid(authorization: string | undefined, origin: string, now: Date): ReceivedPush["vapid"] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? "");
  if (!match) throw new Error(`Authorization is not "vapid t=…, k=…": ${authorization}`);
  const [, jwt, k] = match;
  const [h, c, s] = jwt.split(".");
  const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as Record<string, unknown>;
  if (header.alg !== "ES256") throw new Error(`JWT alg ${String(header.alg)}, not ES256`);
  const point = Buffer.from(k, "base64url");
  if (point.length !== 65 || point[0] !== 0x04) throw new Error("k is not an uncompressed P-256 public key");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: "jwk",
  });
  const ok = verify("sha256", Buffer.from(`${h}.${c}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  if (!ok) throw new Error("the JWT's ES256 signature does not verify with k");
  if (claims.aud !== origin) throw new Error(`aud ${String(claims.aud)} is not the push service's origin ${origin}`);
  const exp = Number(claims.exp);
  const nowSec = now.getTime() / 1000;
  if (!(exp > nowSec && exp <= nowSec + 24 * 3600 + 60)) throw new Error(`exp ${exp} is not within 24 hours`);
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${String(claims.sub)}`);
  return { header, claims, publicKey: k };
}

export async function startPushService(): Promise<PushServiceStub> {
  const devices = new Map<string, TestDevice>();
  const answers = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const rejected: { device: string; reason: string }[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const name = decodeURIComponent((req.url ?? "").replace(/^\/push\//, ""));
      const device = devices.get(name);
      if (!device) return void res.writeHead(404).end();
      const status = answers.get(name) ?? 201;
      if (status !== 201) return void res.writeHead(status).end(status === 410 ? "subscription expired" : "try later");
      try {
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`Content-Encoding ${req.headers["content-encoding"]}`);
        if (!req.headers.ttl) throw new Error("no TTL header");
        const vapid = checkVapid(req.headers.authorization, origin, new Date());
        const plaintext = decryptAes128gcm(Buffer.concat(chunks), device);
        received.push({ device: name, headers: req.headers, plaintext, vapid });
        res.writeHead(201, { location: `${origin}/message/${received.length}` }).end();
      } catch (error) {
        rejected.push({ device: name, reason: error instanceof Error ? error.message : String(error) });
        res.writeHead(400).end("bad push");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    rejected,
    device(name) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const device = {
        endpoint: `${origin}/push/${encodeURIComponent(name)}`,
        keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(authSecret) },
        ecdh,
        authSecret,
      };
      devices.set(name, device);
      return device;
    },
    answer(device, status) {
      answers.set(device, status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
