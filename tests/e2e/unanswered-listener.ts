/**
 * A TCP port where connecting never completes: the kernel's picture of a host whose packets a
 * censor silently drops. A listener with a backlog of one never accepts (its event loop is held
 * in a worker thread), and its accept queue is filled by the test's own connections; Linux then
 * drops further SYNs instead of answering them, so a browser's connect waits until its own
 * connect timeout gives up (no reset, no refusal).
 */
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

// Runs in the worker: listen, report the port, then hold the thread so nothing is ever accepted.
const workerSource = `
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const stop = new Int32Array(workerData.stop);
const server = createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  // Blocking right here, before the event loop polls again, keeps libuv from ever running its
  // accept; the flag lets close() end it.
  while (Atomics.load(stop, 0) === 0) Atomics.wait(stop, 0, 0, 100);
  server.close();
});
`;

export interface UnansweredListener {
  port: number;
  close(): Promise<void>;
}

export async function unansweredListener(): Promise<UnansweredListener> {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(workerSource, { eval: true, workerData: { stop } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Fill the accept queue (a backlog of 1 holds two completed connections): each of these
  // completes its handshake in the kernel until the queue is full, and the first whose SYN the
  // kernel then drops does not connect.
  const fillers: Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('error', () => undefined);
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1500);
      socket.once('connect', () => (clearTimeout(timer), resolve(true)));
    });
    if (!connected) break;
  }
  if (fillers.length === 8) throw new Error('The unanswered listener still completes connections: its accept queue never filled');
  return {
    port,
    async close() {
      for (const socket of fillers) socket.destroy();
      Atomics.store(new Int32Array(stop), 0, 1);
      Atomics.notify(new Int32Array(stop), 0);
      await worker.terminate();
    },
  };
}
