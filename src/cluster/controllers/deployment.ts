/**
 * The Deployment controller, simplified: one ReplicaSet per pod template (named
 * `<deployment>-<pod-template-hash>`), a rolling update bounded by maxSurge/maxUnavailable (or
 * Recreate), revision annotations (so a rollback reuses the old ReplicaSet), history trimmed to
 * revisionHistoryLimit, and the status fields and Available/Progressing conditions that
 * `kubectl rollout status` and `helm --wait` read. Not modelled: paused rollouts,
 * progressDeadlineSeconds, minReadySeconds, proportional scaling during a rollout.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '../apiserver/json';
import { clone, deepEqual, isObject, objectAt, str } from '../apiserver/json';
import { nameOf, namespaceOf, uidOf } from '../apiserver/store';
import type { ControllerClient } from './client';
import {
  GR,
  conditionsOf,
  controllerUid,
  groupByControllerUid,
  isDeleting,
  ownerReference,
  setCondition,
} from './client';

const COMPONENT = 'deployment-controller';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const DESIRED_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
const MAX_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

const canonical = (value: JsonValue): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A 10-character label-safe hash of the pod template (kube's alphabet, not its algorithm). */
export const templateHash = (template: JsonObject): string =>
  [...createHash('sha256').update(canonical(template)).digest().subarray(0, 10)]
    .map((byte) => HASH_ALPHABET[byte % HASH_ALPHABET.length])
    .join('');

const intOrPercent = (value: JsonValue | undefined, total: number, roundUp: boolean): number => {
  if (typeof value === 'number') return Math.max(0, Math.floor(value));
  if (typeof value === 'string' && /^\d+%$/.test(value)) {
    const scaled = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return roundUp ? Math.ceil(total / 4) : Math.floor(total / 4);
};

const numberAt = (obj: JsonObject | undefined, key: string, fallback = 0): number => {
  const value = obj?.[key];
  return typeof value === 'number' ? value : fallback;
};

const revisionOf = (rs: JsonObject): number =>
  Number(str(objectAt(objectAt(rs.metadata)?.annotations)?.[REVISION_ANNOTATION]) ?? '0') || 0;

const labelsOf = (obj: JsonObject | undefined): JsonObject => clone(objectAt(obj?.labels) ?? {});

interface Strategy {
  recreate: boolean;
  maxSurge: number;
  maxUnavailable: number;
}

const strategyOf = (deployment: JsonObject, desired: number): Strategy => {
  const strategy = objectAt(objectAt(deployment.spec)?.strategy);
  const rolling = objectAt(strategy?.rollingUpdate);
  let maxSurge = intOrPercent(rolling?.maxSurge, desired, true);
  const maxUnavailable = intOrPercent(rolling?.maxUnavailable, desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxSurge = 1;
  return { recreate: strategy?.type === 'Recreate', maxSurge, maxUnavailable };
};

const newReplicaSet = (
  deployment: JsonObject,
  hash: string,
  revision: number,
  replicas: number,
  strategy: Strategy,
): JsonObject => {
  const spec = objectAt(deployment.spec) ?? {};
  const template = clone(objectAt(spec.template) ?? {});
  const templateMeta = objectAt(template.metadata) ?? {};
  const labels = { ...labelsOf(templateMeta), [POD_TEMPLATE_HASH]: hash };
  template.metadata = { ...templateMeta, labels };
  const selector = clone(objectAt(spec.selector) ?? {});
  selector.matchLabels = { ...(objectAt(selector.matchLabels) ?? {}), [POD_TEMPLATE_HASH]: hash };
  const desired = numberAt(spec, 'replicas', 1);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${nameOf(deployment)}-${hash}`,
      namespace: namespaceOf(deployment),
      labels,
      annotations: {
        [REVISION_ANNOTATION]: String(revision),
        [DESIRED_ANNOTATION]: String(desired),
        [MAX_ANNOTATION]: String(desired + strategy.maxSurge),
      },
      ownerReferences: [ownerReference(deployment)],
    },
    spec: {
      replicas,
      minReadySeconds: numberAt(spec, 'minReadySeconds'),
      selector,
      template,
    },
  };
};

/** Scales a ReplicaSet (spec.replicas and the desired-replicas annotation) with an event. */
const scale = (
  client: ControllerClient,
  deployment: JsonObject,
  rs: JsonObject,
  replicas: number,
  extraAnnotations: JsonObject = {},
): JsonObject => {
  const before = numberAt(objectAt(rs.spec), 'replicas', 1);
  const desired = String(numberAt(objectAt(deployment.spec), 'replicas', 1));
  const annotations = objectAt(objectAt(rs.metadata)?.annotations) ?? {};
  const wanted = { ...annotations, [DESIRED_ANNOTATION]: desired, ...extraAnnotations };
  if (before === replicas && deepEqual(annotations, wanted)) return rs;
  const next = clone(rs);
  const metadata = objectAt(next.metadata) ?? {};
  metadata.annotations = wanted;
  next.metadata = metadata;
  const spec = objectAt(next.spec) ?? {};
  spec.replicas = replicas;
  next.spec = spec;
  const written = client.update(GR.replicaSets, next);
  if (before !== replicas) {
    client.recordEvent({
      involved: deployment,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${replicas > before ? 'up' : 'down'} replica set ${nameOf(rs)} from ${before} to ${replicas}`,
      component: COMPONENT,
    });
  }
  return written;
};

const activePodsOf = (client: ControllerClient, rs: JsonObject): number =>
  client
    .list(GR.pods, namespaceOf(rs))
    .filter((pod) => controllerUid(pod) === uidOf(rs) && !isDeleting(pod)).length;

const reconcileDeployment = (
  client: ControllerClient,
  deployment: JsonObject,
  owned: JsonObject[],
): void => {
  const spec = objectAt(deployment.spec) ?? {};
  const desired = numberAt(spec, 'replicas', 1);
  const strategy = strategyOf(deployment, desired);
  const hash = templateHash(objectAt(spec.template) ?? {});
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  let newRs = owned.find(
    (rs) => str(objectAt(objectAt(rs.metadata)?.labels)?.[POD_TEMPLATE_HASH]) === hash,
  );
  const olds = owned.filter((rs) => rs !== newRs);
  const oldReplicas = olds.reduce((sum, rs) => sum + numberAt(objectAt(rs.spec), 'replicas'), 0);
  if (!newRs) {
    const initial = strategy.recreate
      ? 0
      : oldReplicas === 0
        ? desired
        : Math.max(0, Math.min(desired, desired + strategy.maxSurge - oldReplicas));
    newRs = client.create(
      GR.replicaSets,
      namespaceOf(deployment),
      newReplicaSet(deployment, hash, maxRevision + 1, initial, strategy),
    );
    if (initial > 0) {
      client.recordEvent({
        involved: deployment,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${nameOf(newRs)} from 0 to ${initial}`,
        component: COMPONENT,
      });
    }
  } else if (revisionOf(newRs) < maxRevision) {
    newRs = scale(client, deployment, newRs, numberAt(objectAt(newRs.spec), 'replicas'), {
      [REVISION_ANNOTATION]: String(maxRevision + 1),
    });
  }

  if (strategy.recreate) {
    for (const rs of olds) scale(client, deployment, rs, 0);
    const oldPods = olds.reduce((sum, rs) => sum + activePodsOf(client, rs), 0);
    if (oldPods === 0) newRs = scale(client, deployment, newRs, desired);
  } else {
    const newReplicas = numberAt(objectAt(newRs.spec), 'replicas');
    const target =
      oldReplicas === 0
        ? desired
        : Math.min(desired, Math.max(newReplicas, desired + strategy.maxSurge - oldReplicas));
    newRs = scale(client, deployment, newRs, target);
    const newAvailable = numberAt(objectAt(newRs.status), 'availableReplicas');
    const oldAvailable = olds.reduce(
      (sum, rs) => sum + numberAt(objectAt(rs.status), 'availableReplicas'),
      0,
    );
    const oldUnhealthy = Math.max(0, oldReplicas - oldAvailable);
    let removable =
      Math.max(0, newAvailable + oldAvailable - (desired - strategy.maxUnavailable)) + oldUnhealthy;
    const oldestFirst = [...olds].sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of oldestFirst) {
      const replicas = numberAt(objectAt(rs.spec), 'replicas');
      const cut = Math.min(replicas, removable);
      if (cut > 0) scale(client, deployment, rs, replicas - cut);
      removable -= cut;
    }
  }

  const limit = numberAt(spec, 'revisionHistoryLimit', 10);
  const drained = olds
    .map((rs) => client.get(GR.replicaSets, namespaceOf(rs), nameOf(rs)))
    .filter((rs): rs is JsonObject => rs !== undefined)
    .filter(
      (rs) =>
        numberAt(objectAt(rs.spec), 'replicas') === 0 &&
        numberAt(objectAt(rs.status), 'replicas') === 0,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of drained.slice(0, Math.max(0, drained.length - limit))) {
    client.delete(GR.replicaSets, rs);
  }
  writeStatus(client, deployment, newRs, strategy);
};

const writeStatus = (
  client: ControllerClient,
  deployment: JsonObject,
  newRs: JsonObject,
  strategy: Strategy,
): void => {
  const current = client.get(GR.deployments, namespaceOf(deployment), nameOf(deployment));
  if (!current) return;
  const desired = numberAt(objectAt(current.spec), 'replicas', 1);
  const sets = client
    .list(GR.replicaSets, namespaceOf(current))
    .filter((rs) => controllerUid(rs) === uidOf(current));
  const sum = (key: string): number =>
    sets.reduce((total, rs) => total + numberAt(objectAt(rs.status), key), 0);
  const freshNew = sets.find((rs) => uidOf(rs) === uidOf(newRs)) ?? newRs;
  const replicas = sum('replicas');
  const updated = numberAt(objectAt(freshNew.status), 'replicas');
  const available = sum('availableReplicas');
  const status: JsonObject = {
    observedGeneration: numberAt(objectAt(current.metadata), 'generation', 1),
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
  };
  const unavailable = Math.max(0, desired - available);
  if (unavailable > 0) status.unavailableReplicas = unavailable;
  const conditions = conditionsOf(objectAt(current.status));
  const minimum = available >= desired - strategy.maxUnavailable;
  setCondition(
    conditions,
    minimum
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    true,
  );
  const complete = updated === desired && replicas === desired && available === desired;
  setCondition(
    conditions,
    complete
      ? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${nameOf(freshNew)}" has successfully progressed.`,
        }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${nameOf(freshNew)}" is progressing.`,
        },
    true,
  );
  // kubectl lists Available first, then Progressing.
  status.conditions = conditions.sort((a, b) =>
    a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0,
  );
  client.updateStatus(GR.deployments, current, status);
};

export const runDeployments = (client: ControllerClient): void => {
  const byOwner = groupByControllerUid(client.list(GR.replicaSets).filter((rs) => !isDeleting(rs)));
  for (const deployment of client.list(GR.deployments)) {
    if (isDeleting(deployment)) continue;
    try {
      reconcileDeployment(client, deployment, byOwner.get(uidOf(deployment)) ?? []);
    } catch (error) {
      console.error(
        `local cluster: deployment ${namespaceOf(deployment)}/${nameOf(deployment)}:`,
        error,
      );
    }
  }
};
