// Runs the Al-Style simulator in its own thread, so the benchmark's client and the simulated
// server do not share one event loop (as a real network would not).
import { parentPort, workerData } from 'node:worker_threads';
import { startAlStyleSimulator } from '@kaspi-connect/alstyle-client/testing';

const sim = await startAlStyleSimulator(workerData);
parentPort.postMessage({ type: 'ready', url: sim.url, token: sim.token });
parentPort.on('message', async (message) => {
  if (message.type === 'stats') {
    parentPort.postMessage({
      type: 'stats',
      requests: sim.requests.length,
      rateLimited: sim.requests.filter((r) => r.rateLimited).length,
      paths: sim.requests.map((r) => r.path),
    });
  } else if (message.type === 'clear') {
    sim.clearRequests();
    parentPort.postMessage({ type: 'cleared' });
  } else if (message.type === 'reprice') {
    for (const product of sim.catalogue.products.slice(0, message.count)) product.price2 += 100;
    parentPort.postMessage({ type: 'repriced' });
  } else if (message.type === 'close') {
    await sim.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
