/** Free loopback ports, chosen at run time so that clusters started in parallel (by anyone) never share one. */
import { createServer, type Server } from "node:net";
import { KafkaHarnessError } from "../errors.js";
import { LOOPBACK } from "./config.js";

/** Ports this process handed out already: never handed out twice, even once their probe socket is closed. */
const handedOut = new Set<number>();

/** `count` distinct ports that were free a moment ago (the OS picks them; all are held open together while chosen). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = await listen(0);
      servers.push(server);
      const address = server.address();
      if (address && typeof address === "object" && !handedOut.has(address.port)) {
        ports.push(address.port);
        handedOut.add(address.port);
      }
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/** Throws `PORT_IN_USE` when `port` cannot be bound on loopback right now. */
export async function assertPortFree(port: number): Promise<void> {
  let server: Server;
  try {
    server = await listen(port);
  } catch (cause) {
    throw new KafkaHarnessError("PORT_IN_USE", `port ${port} on ${LOOPBACK} is already in use`, { port }, { cause });
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => resolve(server));
  });
}
