/**
 * A stand-in for kube-scheduler: binds every pending, unassigned pod to a node that passes the
 * filters in scheduling.ts, or marks it PodScheduled=False (Unschedulable) with a
 * FailedScheduling event, retried on every pass (a node or pod change can make room).
 */
import type { JsonObject } from '../apiserver/json';
import { child, clone, objectAt, str } from '../apiserver/json';
import { nameOf, namespaceOf } from '../apiserver/store';
import type { Quantity } from '../../shared/k8s/quantity';
import { addQuantities, ZERO_QUANTITY } from '../../shared/k8s/quantity';
import { isPodFinished } from '../../shared/workloads/kataPods';
import type { ControllerClient } from './client';
import { GR, asNode, asPod, conditionsOf, isDeleting, setCondition } from './client';
import { nodeUsage, placePod, podRequests } from './scheduling';

export const SCHEDULER_NAME = 'default-scheduler';

const scheduledCondition = (
  status: 'True' | 'False',
  reason?: string,
  message?: string,
): JsonObject => ({
  type: 'PodScheduled',
  status,
  lastProbeTime: null,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

const wantsThisScheduler = (pod: JsonObject): boolean => {
  const schedulerName = str(objectAt(pod.spec)?.schedulerName);
  return schedulerName === undefined || schedulerName === SCHEDULER_NAME;
};

export const runScheduler = (client: ControllerClient): void => {
  const pods = client.list(GR.pods);
  const pending = pods.filter((pod) => {
    const typed = asPod(pod);
    return (
      !typed.spec?.nodeName && !isDeleting(pod) && !isPodFinished(typed) && wantsThisScheduler(pod)
    );
  });
  // Node usage sums the requests of every pod: only worth it when there is a pod to place.
  if (pending.length === 0) return;
  const nodes = client.list(GR.nodes).map((n) => asNode(n));
  const usage = nodeUsage(pods.map((p) => asPod(p)));
  for (const pod of pending) {
    const typed = asPod(pod);
    const result = placePod(typed, nodes, usage);
    if ('node' in result) {
      const nodeName = result.node.metadata?.name ?? '';
      const bound = clone(pod);
      child(bound, 'spec').nodeName = nodeName;
      const stored = client.update(GR.pods, bound);
      const status = clone(objectAt(stored.status) ?? {});
      const conditions = conditionsOf(status);
      setCondition(conditions, scheduledCondition('True'));
      status.conditions = conditions;
      const written = client.updateStatus(GR.pods, stored, status);
      const entry = usage.get(nodeName) ?? { requested: new Map<string, Quantity>(), pods: 0 };
      for (const [name, q] of podRequests(typed)) {
        entry.requested.set(name, addQuantities(entry.requested.get(name) ?? ZERO_QUANTITY, q));
      }
      entry.pods += 1;
      usage.set(nodeName, entry);
      client.recordEvent({
        involved: written,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${namespaceOf(pod)}/${nameOf(pod)} to ${nodeName}`,
        component: SCHEDULER_NAME,
      });
      continue;
    }
    const status = clone(objectAt(pod.status) ?? {});
    const conditions = conditionsOf(status);
    const previous = conditions.find((c) => c.type === 'PodScheduled');
    if (previous?.status === 'False' && previous.message === result.message) continue;
    setCondition(conditions, scheduledCondition('False', 'Unschedulable', result.message));
    status.conditions = conditions;
    status.phase = 'Pending';
    const written = client.updateStatus(GR.pods, pod, status);
    client.recordEvent({
      involved: written,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: result.message,
      component: SCHEDULER_NAME,
    });
  }
};
