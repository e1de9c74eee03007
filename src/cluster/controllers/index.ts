/**
 * The workload controllers of the local cluster: Deployment, ReplicaSet, a scheduler and a
 * kubelet stand-in. They are level-triggered: any change to the objects they read schedules one
 * pass over everything (coalesced, on setImmediate so the HTTP server keeps its turn), and a
 * pass that changes nothing writes nothing, so passes settle.
 */
import type { Api } from '../apiserver/api';
import type { StoreEvent } from '../apiserver/store';
import { ControllerClient, GR } from './client';
import { runDeployments } from './deployment';
import { KubeletStandIn } from './kubelet';
import { runReplicaSets } from './replicaset';
import { runScheduler } from './scheduler';

export interface WorkloadControllerOptions {
  /** How long a bound pod stays ContainerCreating before it runs. Default 500 ms. */
  podStartDelayMs?: number;
  /** A full pass at least this often, whatever happens. Default 5000 ms. */
  resyncMs?: number;
}

export interface WorkloadControllers {
  stop: () => Promise<void>;
}

const WATCHED: ReadonlySet<string> = new Set([
  GR.pods,
  GR.nodes,
  GR.replicaSets,
  GR.deployments,
  GR.runtimeClasses,
  GR.machineConfigs,
]);

interface Running {
  users: number;
  stop: () => void;
}

/** One set of controllers per Api, however often it is started (the cluster and a test may both). */
const running = new WeakMap<Api, Running>();

const start = (api: Api, options: WorkloadControllerOptions): Running => {
  const client = new ControllerClient(api);
  let stopped = false;
  let pending = false;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeAt = Infinity;

  const schedule = (): void => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(pass);
  };
  const wake = (ms: number): void => {
    const at = Date.now() + ms;
    if (at >= wakeAt) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeAt = Infinity;
      schedule();
    }, ms);
    wakeTimer.unref();
  };
  const kubelet = new KubeletStandIn(client, options.podStartDelayMs ?? 500, wake);
  const steps: [string, () => void][] = [
    [
      'deployments',
      () => {
        runDeployments(client);
      },
    ],
    [
      'replicasets',
      () => {
        runReplicaSets(client);
      },
    ],
    [
      'scheduler',
      () => {
        runScheduler(client);
      },
    ],
    [
      'kubelet',
      () => {
        kubelet.run();
      },
    ],
  ];
  function pass(): void {
    pending = false;
    if (stopped) return;
    for (const [name, step] of steps) {
      try {
        step();
      } catch (error) {
        console.error(`local cluster: ${name} controller pass failed:`, error);
      }
    }
  }

  const unsubscribe = api.store.subscribe((event: StoreEvent) => {
    if (WATCHED.has(event.gr)) schedule();
  });
  const resync = setInterval(schedule, options.resyncMs ?? 5000);
  resync.unref();
  schedule();
  return {
    users: 0,
    stop: () => {
      stopped = true;
      unsubscribe();
      clearInterval(resync);
      if (wakeTimer) clearTimeout(wakeTimer);
    },
  };
};

/**
 * Starts the workload controllers on `api`. Starting them again on the same Api shares the
 * running set; it stops when every starter has called stop().
 */
export const startWorkloadControllers = (
  api: Api,
  options: WorkloadControllerOptions = {},
): WorkloadControllers => {
  let entry = running.get(api);
  if (!entry) {
    entry = start(api, options);
    running.set(api, entry);
  }
  entry.users += 1;
  const shared = entry;
  let released = false;
  return {
    stop: () => {
      if (!released) {
        released = true;
        shared.users -= 1;
        if (shared.users === 0) {
          shared.stop();
          running.delete(api);
        }
      }
      return Promise.resolve();
    },
  };
};
