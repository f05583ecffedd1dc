// Local test servers: listening on a free port of 127.0.0.1, and a port nobody listens on.
import net from "node:net";

/** Starts `server` on a free port of 127.0.0.1 and resolves with the port. */
export async function listenOnFreePort(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listenOnFreePort(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
