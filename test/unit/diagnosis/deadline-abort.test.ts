/**
 * Deadlines hold at the socket: against a local server that accepts connections and never
 * answers, a probe past its deadline ends, and the HTTP request's socket is closed (not left
 * running in the background as a rejected promise with a live request behind it).
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createAwsClients } from '../../../functions/diagnosis/clients';
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import type { RegisteredProbe } from '../../../functions/diagnosis/registry';
import { incident } from './support/incident';

interface Silent {
  readonly server: Server;
  readonly endpoint: string;
  /** Sockets accepted, each with the time it closed (undefined while open). */
  readonly sockets: { socket: Socket; closedAt?: number }[];
}

async function silentServer(): Promise<Silent> {
  const sockets: Silent['sockets'] = [];
  const server = createServer((socket) => {
    const entry: { socket: Socket; closedAt?: number } = { socket };
    sockets.push(entry);
    socket.on('close', () => {
      entry.closedAt = Date.now();
    });
    // Read the request, never answer.
    socket.resume();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('no address');
  return { server, endpoint: `http://127.0.0.1:${address.port}`, sockets };
}

let silent: Silent;
beforeEach(async () => {
  silent = await silentServer();
});
afterEach(async () => {
  for (const s of silent.sockets) s.socket.destroy();
  silent.server.close();
  await once(silent.server, 'close');
});

/** Clients that send every call to the silent server, with one attempt and this request timeout. */
const silentClients = (requestTimeoutMs: number) =>
  createAwsClients({
    region: 'us-east-1',
    endpoint: silent.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    requestTimeoutMs,
  });

const waitFor = async (condition: () => boolean, ms: number): Promise<boolean> => {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return condition();
};

describe('deadlines at the socket', () => {
  it('a probe past its timeout is aborted and its HTTP request socket is closed', async () => {
    // A request timeout far beyond the probe's: only the abort can end the request in time.
    const clients = silentClients(60_000);
    const probe: RegisteredProbe = {
      name: 'execution-logs',
      label: 'execution logs',
      kinds: ['REST'],
      run: async () => {
        await clients.logs.send(new FilterLogEventsCommand({ logGroupName: 'g' }));
        return [];
      },
    };
    const started = Date.now();
    const diagnosis = await runDiagnosis(incident, {
      deadline: started + 10_000,
      probeTimeoutMs: 400,
      clients,
      registry: [probe],
    });
    const ended = Date.now();
    expect(diagnosis.probes[0]).toEqual(
      expect.objectContaining({ status: 'timed-out', error: 'timed out after 400 ms' }),
    );
    expect(ended - started).toBeLessThan(1_400);
    expect(silent.sockets).toHaveLength(1);
    expect(await waitFor(() => silent.sockets.every((s) => s.closedAt !== undefined), 1_000)).toBe(true);
    expect((silent.sockets[0]?.closedAt ?? Infinity) - started).toBeLessThan(1_400);
  });

  it('the overall deadline aborts every in-flight call and closes every socket', async () => {
    const clients = silentClients(60_000);
    const hanging = (name: RegisteredProbe['name']): RegisteredProbe => ({
      name,
      label: name,
      kinds: ['REST'],
      run: async () => {
        await clients.logs.send(new FilterLogEventsCommand({ logGroupName: name }));
        return [];
      },
    });
    const started = Date.now();
    const diagnosis = await runDiagnosis(incident, {
      deadline: started + 500,
      clients,
      registry: [hanging('execution-logs'), hanging('access-logs')],
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(diagnosis.cutShort).toBe(true);
    expect(silent.sockets).toHaveLength(2);
    expect(await waitFor(() => silent.sockets.every((s) => s.closedAt !== undefined), 1_000)).toBe(true);
  });

  it('the request timeout throws (TimeoutError) and closes the socket instead of only warning', async () => {
    const clients = silentClients(300);
    const started = Date.now();
    await expect(clients.logs.send(new FilterLogEventsCommand({ logGroupName: 'g' }))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(1_300);
    expect(await waitFor(() => silent.sockets.every((s) => s.closedAt !== undefined), 1_000)).toBe(true);
  });
});
