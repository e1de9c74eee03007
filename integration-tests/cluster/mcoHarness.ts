/** A local cluster with the MCO simulator started by the test itself, for the MCO suites. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCluster } from '../../src/cluster/cluster';
import { startLocalCluster } from '../../src/cluster/cluster';
import { Kube } from '../../src/cluster/mco/kube';
import type { McoSimulator, McoSimulatorOptions } from '../../src/cluster/mco/simulator';
import { startMcoSimulator } from '../../src/cluster/mco/simulator';

export interface Sim {
  cluster: LocalCluster;
  sim: McoSimulator;
  kube: Kube;
  dataDir: string;
}

const started: Sim[] = [];

/** The cluster's own simulator stays off, so the test controls speed, workers and timeouts. */
export const startSim = async (
  options: Partial<McoSimulatorOptions> & { dataDir?: string; speed: number },
): Promise<Sim> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kata-mco-'));
  const cluster = await startLocalCluster({ dataDir, port: 0, mcoSimulator: false });
  const sim = startMcoSimulator(cluster.api, {
    workers: options.workers ?? 3,
    speed: options.speed,
    ...(options.drainTimeoutMs !== undefined ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
  });
  const handle = { cluster, sim, kube: new Kube(cluster.api), dataDir };
  started.push(handle);
  return handle;
};

/**
 * Stops the simulator and the cluster and keeps the data directory, for a restart test: the
 * next `startSim` on the same directory owns it from then on.
 */
export const stopSim = async (s: Sim): Promise<void> => {
  const index = started.indexOf(s);
  if (index !== -1) started.splice(index, 1);
  await s.sim.stop();
  await s.cluster.close();
};

/** For `afterEach`: stops every simulator this file started and removes their data. */
export const stopStartedSims = async (): Promise<void> => {
  for (const s of started.splice(0)) {
    await s.sim.stop();
    await s.cluster.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
};
