// Runs the simulator in its own thread, as a real server would be: the client's parsing then
// cannot delay the simulator's arrival timestamps, so spacing is measured honestly.
import { parentPort, workerData } from 'node:worker_threads';
import { startAlStyleSimulator } from '../src/testing/index.js';

const sim = await startAlStyleSimulator(workerData as Parameters<typeof startAlStyleSimulator>[0]);
// Warm the handler's code paths once (a bad-token request never touches the rate-limit window),
// so JIT compilation does not distort the first measured arrival.
for (let i = 0; i < 3; i++)
  await (await fetch(`${sim.url}/api/brands?access-token=warm-up`)).text();
sim.clearRequests();
parentPort?.on('message', async (message: string) => {
  if (message === 'requests') parentPort?.postMessage({ type: 'requests', requests: sim.requests });
  if (message === 'close') {
    await sim.close();
    parentPort?.postMessage({ type: 'closed' });
    parentPort?.close();
  }
});
parentPort?.postMessage({ type: 'ready', url: sim.url, token: sim.token });
