/**
 * A stand-in for the kubelets of every node: a pod bound to a node shows ContainerCreating at
 * once and runs, Ready, after a delay. A pod whose RuntimeClass handler the node cannot run
 * (runtimeHandler.ts) stays in ContainerCreating with FailedCreatePodSandBox warnings, as with
 * CRI-O, and starts once the node runs a config that has the handler.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { JsonObject } from '../apiserver/json';
import { clone, isObject, nowTimestamp, objectAt, str, stringListAt } from '../apiserver/json';
import { nameOf, uidOf } from '../apiserver/store';
import { NodeAnnotation } from '../../shared/mco/constants';
import { isPodFinished } from '../../shared/workloads/kataPods';
import type { ControllerClient } from './client';
import { GR, asNode, asPod, conditionsOf, isDeleting, setCondition } from './client';
import { handlerNotSupportedMessage, nodeSupportsHandler } from './runtimeHandler';

const containersOf = (pod: JsonObject): JsonObject[] => {
  const spec = objectAt(pod.spec);
  return Array.isArray(spec?.containers) ? spec.containers.filter(isObject) : [];
};

/** A stable fake address in 10.128.0.0/14 for a pod uid. */
const podIp = (uid: string): string => {
  const bytes = createHash('sha256').update(uid).digest();
  return `10.${128 + ((bytes[0] ?? 0) % 4)}.${bytes[1] ?? 0}.${((bytes[2] ?? 0) % 253) + 2}`;
};

const hostIp = (node: JsonObject): string => {
  const addresses = objectAt(node.status)?.addresses;
  const internal = Array.isArray(addresses)
    ? addresses.filter(isObject).find((a) => a.type === 'InternalIP')
    : undefined;
  return str(internal?.address) ?? podIp(uidOf(node)).replace(/^10\.\d+\./, '10.0.');
};

const podCondition = (
  type: string,
  ready: boolean,
  reason?: string,
  message?: string,
): JsonObject => ({
  type,
  status: ready ? 'True' : 'False',
  lastProbeTime: null,
  ...(reason && !ready ? { reason } : {}),
  ...(message && !ready ? { message } : {}),
});

export class KubeletStandIn {
  /** When each pod (by uid) may start; set the first time its kubelet sees it. */
  private readonly startAt = new Map<string, number>();
  /** `uid/currentConfig` pairs already reported as FailedCreatePodSandBox. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly client: ControllerClient,
    private readonly startDelayMs: number,
    /** Asks for another pass in `ms`. */
    private readonly wake: (ms: number) => void,
  ) {}

  run(): void {
    const nodes = new Map(this.client.list(GR.nodes).map((n) => [nameOf(n), n]));
    const handlers = new Map(
      this.client.list(GR.runtimeClasses).map((rc) => [nameOf(rc), str(rc.handler) ?? '']),
    );
    const extensionsOf = (name: string): string[] | undefined => {
      const mc = this.client.get(GR.machineConfigs, '', name);
      return mc ? stringListAt(objectAt(mc.spec)?.extensions) : undefined;
    };
    const seen = new Set<string>();
    const now = Date.now();
    for (const pod of this.client.list(GR.pods)) {
      const typed = asPod(pod);
      const uid = uidOf(pod);
      seen.add(uid);
      const nodeName = typed.spec?.nodeName;
      const node = nodeName ? nodes.get(nodeName) : undefined;
      if (!node || isDeleting(pod) || isPodFinished(typed) || typed.status?.phase === 'Running') {
        continue;
      }
      let startAt = this.startAt.get(uid);
      if (startAt === undefined) {
        startAt = now + this.startDelayMs;
        this.startAt.set(uid, startAt);
        this.writeCreating(pod, node);
      }
      const className = typed.spec?.runtimeClassName;
      const handler = className ? (handlers.get(className) ?? className) : undefined;
      if (handler && !nodeSupportsHandler(asNode(node), handler, extensionsOf)) {
        const key = `${uid}/${asNode(node).metadata?.annotations?.[NodeAnnotation.currentConfig] ?? ''}`;
        if (!this.reported.has(key)) {
          this.reported.add(key);
          this.client.recordEvent({
            involved: pod,
            type: 'Warning',
            reason: 'FailedCreatePodSandBox',
            message: handlerNotSupportedMessage(handler),
            component: 'kubelet',
            host: nameOf(node),
          });
        }
        continue;
      }
      if (now < startAt) {
        this.wake(startAt - now);
        continue;
      }
      this.writeRunning(pod, node);
    }
    for (const uid of [...this.startAt.keys()]) if (!seen.has(uid)) this.startAt.delete(uid);
    for (const key of [...this.reported]) {
      if (!seen.has(key.slice(0, key.indexOf('/')))) this.reported.delete(key);
    }
  }

  private writeCreating(pod: JsonObject, node: JsonObject): void {
    const status = clone(objectAt(pod.status) ?? {});
    const names = containersOf(pod).map((c) => str(c.name) ?? '');
    const notReady = `containers with unready status: [${names.join(' ')}]`;
    const conditions = conditionsOf(status);
    setCondition(conditions, podCondition('PodReadyToStartContainers', false));
    setCondition(conditions, podCondition('Initialized', true));
    setCondition(conditions, podCondition('Ready', false, 'ContainersNotReady', notReady));
    setCondition(
      conditions,
      podCondition('ContainersReady', false, 'ContainersNotReady', notReady),
    );
    status.conditions = conditions;
    status.phase = 'Pending';
    status.hostIP = hostIp(node);
    status.hostIPs = [{ ip: status.hostIP }];
    status.startTime ??= nowTimestamp();
    status.containerStatuses = containersOf(pod).map((c) => ({
      name: str(c.name) ?? '',
      image: str(c.image) ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    }));
    this.client.updateStatus(GR.pods, pod, status);
  }

  private writeRunning(pod: JsonObject, node: JsonObject): void {
    const status = clone(objectAt(pod.status) ?? {});
    const conditions = conditionsOf(status);
    for (const type of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']) {
      setCondition(conditions, podCondition(type, true));
    }
    const startedAt = nowTimestamp();
    status.conditions = conditions;
    status.phase = 'Running';
    status.podIP = podIp(uidOf(pod));
    status.podIPs = [{ ip: status.podIP }];
    status.containerStatuses = containersOf(pod).map((c) => {
      const image = str(c.image) ?? '';
      return {
        name: str(c.name) ?? '',
        image,
        imageID: `${image.split(':')[0] ?? image}@sha256:${createHash('sha256').update(image).digest('hex')}`,
        containerID: `cri-o://${randomBytes(32).toString('hex')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt } },
        lastState: {},
      };
    });
    const written = this.client.updateStatus(GR.pods, pod, status);
    for (const c of containersOf(pod)) {
      const name = str(c.name) ?? '';
      const image = str(c.image) ?? '';
      const events: [string, string][] = [
        ['Pulled', `Container image "${image}" already present on machine`],
        ['Created', `Created container: ${name}`],
        ['Started', `Started container ${name}`],
      ];
      for (const [reason, message] of events) {
        this.client.recordEvent({
          involved: written,
          type: 'Normal',
          reason,
          message,
          component: 'kubelet',
          host: nameOf(node),
        });
      }
    }
  }
}
