/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods (not finished, not being deleted)
 * that the ReplicaSet controls and selects, and reports replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas, observedGeneration and a ReplicaFailure condition.
 */
import { ApiError } from '../apiserver/errors';
import type { JsonObject } from '../apiserver/json';
import { clone, isObject, objectAt, str } from '../apiserver/json';
import { nameOf, namespaceOf, uidOf } from '../apiserver/store';
import { compileLabelSelector } from '../../shared/k8s/labelSelector';
import type { LabelSelector, Labels, Pod } from '../../shared/k8s/types';
import { isPodFinished } from '../../shared/workloads/kataPods';
import type { ControllerClient } from './client';
import {
  GR,
  asPod,
  conditionsOf,
  controllerUid,
  groupByControllerUid,
  isDeleting,
  ownerReference,
  setCondition,
} from './client';

const COMPONENT = 'replicaset-controller';

export const isPodReady = (pod: Pod): boolean =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

const isActive = (pod: JsonObject): boolean => !isDeleting(pod) && !isPodFinished(asPod(pod));

/** kube-controller-manager's order of preference for deleting pods (first = delete first). */
const deletionRank = (pod: Pod): number[] => {
  const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  return [
    pod.spec?.nodeName ? 1 : 0,
    phaseRank[pod.status?.phase ?? 'Pending'] ?? 0,
    isPodReady(pod) ? 1 : 0,
  ];
};

const compareForDeletion = (a: JsonObject, b: JsonObject): number => {
  const ra = deletionRank(asPod(a));
  const rb = deletionRank(asPod(b));
  for (let i = 0; i < ra.length; i += 1) {
    const diff = (ra[i] ?? 0) - (rb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  // Newer pods go first.
  const ta = str(objectAt(a.metadata)?.creationTimestamp) ?? '';
  const tb = str(objectAt(b.metadata)?.creationTimestamp) ?? '';
  return tb.localeCompare(ta);
};

const templateOf = (rs: JsonObject): JsonObject => objectAt(objectAt(rs.spec)?.template) ?? {};

const newPod = (rs: JsonObject): JsonObject => {
  const template = templateOf(rs);
  const templateMeta = objectAt(template.metadata) ?? {};
  const metadata: JsonObject = {
    generateName: `${nameOf(rs)}-`,
    namespace: namespaceOf(rs),
    ownerReferences: [ownerReference(rs)],
  };
  if (isObject(templateMeta.labels)) metadata.labels = clone(templateMeta.labels);
  if (isObject(templateMeta.annotations)) metadata.annotations = clone(templateMeta.annotations);
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: clone(objectAt(template.spec) ?? {}) };
};

const replicasOf = (obj: JsonObject): number => {
  const replicas = objectAt(obj.spec)?.replicas;
  return typeof replicas === 'number' && replicas >= 0 ? replicas : 1;
};

const reconcileReplicaSet = (
  client: ControllerClient,
  rs: JsonObject,
  owned: readonly JsonObject[],
): void => {
  const selector = compileLabelSelector(
    objectAt(rs.spec)?.selector as LabelSelector | undefined,
    'matchesNothing',
  );
  const selected = owned.filter((pod) => selector.matches(asPod(pod).metadata?.labels));
  const active = selected.filter(isActive);
  const desired = replicasOf(rs);
  let failure: string | undefined;
  if (active.length < desired) {
    for (let i = active.length; i < desired; i += 1) {
      try {
        const created = client.create(GR.pods, namespaceOf(rs), newPod(rs));
        client.recordEvent({
          involved: rs,
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `Created pod: ${nameOf(created)}`,
          component: COMPONENT,
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        failure = error.message;
        client.recordEvent({
          involved: rs,
          type: 'Warning',
          reason: 'FailedCreate',
          message: `Error creating: ${error.message}`,
          component: COMPONENT,
        });
        break;
      }
    }
  } else if (active.length > desired) {
    const victims = [...active].sort(compareForDeletion).slice(0, active.length - desired);
    for (const pod of victims) {
      client.delete(GR.pods, pod);
      client.recordEvent({
        involved: rs,
        type: 'Normal',
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${nameOf(pod)}`,
        component: COMPONENT,
      });
    }
  }
  const current = client.get(GR.replicaSets, namespaceOf(rs), nameOf(rs));
  if (!current) return;
  const nowActive = client
    .list(GR.pods, namespaceOf(rs))
    .filter(
      (pod) =>
        controllerUid(pod) === uidOf(rs) &&
        isActive(pod) &&
        selector.matches(asPod(pod).metadata?.labels),
    );
  const templateLabels = (objectAt(templateOf(rs).metadata)?.labels ?? {}) as Labels;
  const ready = nowActive.filter((pod) => isPodReady(asPod(pod))).length;
  const status: JsonObject = {
    replicas: nowActive.length,
    fullyLabeledReplicas: nowActive.filter((pod) => {
      const labels = asPod(pod).metadata?.labels ?? {};
      return Object.entries(templateLabels).every(([k, v]) => labels[k] === v);
    }).length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: objectAt(current.metadata)?.generation ?? 1,
  };
  const conditions = conditionsOf(objectAt(current.status)).filter(
    (c) => c.type !== 'ReplicaFailure' || failure !== undefined,
  );
  if (failure) {
    setCondition(conditions, {
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message: failure,
    });
  }
  if (conditions.length > 0) status.conditions = conditions;
  client.updateStatus(GR.replicaSets, current, status);
};

export const runReplicaSets = (client: ControllerClient): void => {
  const byOwner = groupByControllerUid(client.list(GR.pods));
  for (const rs of client.list(GR.replicaSets)) {
    if (isDeleting(rs)) continue;
    try {
      reconcileReplicaSet(client, rs, byOwner.get(uidOf(rs)) ?? []);
    } catch (error) {
      console.error(`local cluster: replicaset ${namespaceOf(rs)}/${nameOf(rs)}:`, error);
    }
  }
};
