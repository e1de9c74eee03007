/**
 * The MCO simulator: seeds the MCO objects and nodes, then runs the render controller, the node
 * controller and one machine-config-daemon per node against the emulator's in-process `Api`.
 * It reacts to changes of nodes, MachineConfigs and pools, and wakes itself for the next daemon
 * step. All of its state is in the API objects, so a restart resumes a rollout mid-way.
 */
import type { Api } from '../apiserver/api';
import type { StoreEvent } from '../apiserver/store';
import { runDaemon } from './daemon';
import { Kube } from './kube';
import { syncMachineConfigNodes } from './machineConfigNode';
import { renderPools, syncNodes, syncPoolStatus } from './nodeController';
import { seedMco } from './seed';
import { DEFAULT_DRAIN_TIMEOUT_MS } from './simConstants';

export interface McoSimulatorOptions {
  /** Worker nodes to seed when the cluster has no nodes yet (3 control-plane nodes are added). */
  workers: number;
  /** Time scale: 1 is real-ish (a worker takes about 20 s), 100 is a hundred times faster. */
  speed: number;
  /** How long a stuck drain lasts before the node goes Degraded, at speed 1. Default 1 h. */
  drainTimeoutMs?: number;
}

export interface McoSimulator {
  /** Stops reacting and cancels timers; the objects stay as they are. */
  stop: () => Promise<void>;
}

const WATCHED = new Set([
  '/nodes',
  'machineconfiguration.openshift.io/machineconfigs',
  'machineconfiguration.openshift.io/machineconfigpools',
]);

/** Delay before retrying after an unexpected error, so a bug cannot spin the CPU. */
const RETRY_MS = 1000;

const running = new WeakSet<Api>();

export const startMcoSimulator = (api: Api, options: McoSimulatorOptions): McoSimulator => {
  const { workers, speed } = options;
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(`MCO simulator: workers must be a non-negative integer, got ${workers}`);
  }
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new Error(`MCO simulator: speed must be a positive number, got ${speed}`);
  }
  if (running.has(api)) throw new Error('MCO simulator: already running on this API');
  running.add(api);
  const kube = new Kube(api);
  const daemonOptions = {
    speed,
    drainTimeoutMs: options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
  };
  let stopped = false;
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;

  const wakeAt = (at: number): void => {
    if (stopped || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        schedule();
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
  };

  const pass = (): void => {
    const now = new Date();
    let next = Infinity;
    for (const node of kube.nodes()) {
      const at = runDaemon(kube, node, now, daemonOptions);
      if (at !== undefined) next = Math.min(next, at);
    }
    const renderErrors = renderPools(kube);
    syncNodes(kube, now);
    syncMachineConfigNodes(kube, kube.pools(), now);
    syncPoolStatus(kube, renderErrors, now);
    if (next !== Infinity) wakeAt(next);
  };

  function schedule(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (stopped) return;
      try {
        pass();
      } catch (error) {
        console.error('MCO simulator: reconcile pass failed:', error);
        wakeAt(Date.now() + RETRY_MS);
      }
    });
  }

  seedMco(kube, workers);
  const unsubscribe = api.store.subscribe((event: StoreEvent) => {
    if (WATCHED.has(event.gr)) schedule();
  });
  schedule();

  return {
    stop: () => {
      if (!stopped) {
        stopped = true;
        unsubscribe();
        if (timer) clearTimeout(timer);
        running.delete(api);
      }
      return Promise.resolve();
    },
  };
};
