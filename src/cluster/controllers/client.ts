/**
 * What the workload controllers need from the in-process API: reads straight from the store
 * (cheap, always current, since every controller pass runs synchronously), writes through `Api`
 * so that admission, resourceVersions, generation and garbage collection apply as for clients.
 */
import { randomBytes } from 'node:crypto';
import type { Api } from '../apiserver/api';
import { ApiError } from '../apiserver/errors';
import type { JsonObject } from '../apiserver/json';
import { clone, isObject, metadataOf, nowTimestamp, objectAt, str } from '../apiserver/json';
import type { ResourceType } from '../apiserver/registry';
import { nameOf, namespaceOf, uidOf } from '../apiserver/store';
import type { Node, Pod } from '../../shared/k8s/types';

export const GR = {
  pods: '/pods',
  nodes: '/nodes',
  events: '/events',
  replicaSets: 'apps/replicasets',
  deployments: 'apps/deployments',
  runtimeClasses: 'node.k8s.io/runtimeclasses',
  machineConfigs: 'machineconfiguration.openshift.io/machineconfigs',
} as const;

const TYPES: Record<string, [string, string, string]> = {
  [GR.pods]: ['', 'v1', 'pods'],
  [GR.nodes]: ['', 'v1', 'nodes'],
  [GR.events]: ['', 'v1', 'events'],
  [GR.replicaSets]: ['apps', 'v1', 'replicasets'],
  [GR.deployments]: ['apps', 'v1', 'deployments'],
};

/** A stored Pod seen through the shared typed view (every field optional). */
export const asPod = (obj: JsonObject): Pod => obj;
/** A stored Node seen through the shared typed view (every field optional). */
export const asNode = (obj: JsonObject): Node => obj;

export const isDeleting = (obj: JsonObject): boolean =>
  typeof objectAt(obj.metadata)?.deletionTimestamp === 'string';

/** The uid of the controlling owner (ownerReferences entry with `controller: true`). */
export const controllerUid = (obj: JsonObject): string | undefined => {
  const refs = objectAt(obj.metadata)?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.filter(isObject).find((r) => r.controller === true);
  return ref ? str(ref.uid) : undefined;
};

/** Objects grouped by the uid of their controlling owner; objects without one are left out. */
export const groupByControllerUid = (objects: readonly JsonObject[]): Map<string, JsonObject[]> => {
  const groups = new Map<string, JsonObject[]>();
  for (const obj of objects) {
    const owner = controllerUid(obj);
    if (!owner) continue;
    const group = groups.get(owner) ?? [];
    group.push(obj);
    groups.set(owner, group);
  }
  return groups;
};

export const ownerReference = (owner: JsonObject): JsonObject => ({
  apiVersion: str(owner.apiVersion) ?? '',
  kind: str(owner.kind) ?? '',
  name: nameOf(owner),
  uid: uidOf(owner),
  controller: true,
  blockOwnerDeletion: true,
});

/**
 * Sets a condition (type, status, reason, message, ...) in place. lastTransitionTime is kept
 * while the status does not change, and lastUpdateTime (when `withUpdateTime`, as Deployments
 * have) while nothing changes, so an unchanged pass writes nothing.
 */
export const setCondition = (
  conditions: JsonObject[],
  next: JsonObject,
  withUpdateTime = false,
): void => {
  const index = conditions.findIndex((c) => c.type === next.type);
  const previous = index >= 0 ? conditions[index] : undefined;
  const now = nowTimestamp();
  const merged: JsonObject = { ...next };
  const sameStatus = previous?.status === next.status;
  const same = sameStatus && previous?.reason === next.reason && previous?.message === next.message;
  if (withUpdateTime) merged.lastUpdateTime = same ? (previous?.lastUpdateTime ?? now) : now;
  merged.lastTransitionTime = sameStatus ? (previous?.lastTransitionTime ?? now) : now;
  if (index >= 0) conditions[index] = merged;
  else conditions.push(merged);
};

/** The conditions array of a status object (a copy). */
export const conditionsOf = (status: JsonObject | undefined): JsonObject[] =>
  Array.isArray(status?.conditions) ? clone(status.conditions).filter(isObject) : [];

export interface EventSpec {
  involved: JsonObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
}

export class ControllerClient {
  constructor(readonly api: Api) {}

  type(gr: string): ResourceType {
    const coordinates = TYPES[gr];
    const type = coordinates ? this.api.registry.find(...coordinates) : undefined;
    if (!type) throw new Error(`local cluster: ${gr} is not served`);
    return type;
  }

  list(gr: string, namespace?: string): JsonObject[] {
    return this.api.store.list(gr, namespace).map((record) => record.object);
  }

  get(gr: string, namespace: string, name: string): JsonObject | undefined {
    return this.api.store.get(gr, namespace, name)?.object;
  }

  create(gr: string, namespace: string, obj: JsonObject): JsonObject {
    return this.api.create(this.type(gr), namespace, obj).object;
  }

  /** Replaces spec and metadata (not status) of an object read from the store. */
  update(gr: string, obj: JsonObject): JsonObject {
    return this.api.update(this.type(gr), namespaceOf(obj), nameOf(obj), obj).object;
  }

  /** Writes `status` on the current version of `obj`; a no-op when it is unchanged. */
  updateStatus(gr: string, obj: JsonObject, status: JsonObject): JsonObject {
    const next = clone(obj);
    next.status = status;
    return this.api.update(this.type(gr), namespaceOf(obj), nameOf(obj), next, {}, 'status').object;
  }

  delete(gr: string, obj: JsonObject): void {
    try {
      this.api.delete(this.type(gr), namespaceOf(obj), nameOf(obj), {
        propagationPolicy: 'Background',
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }

  /**
   * Records a core/v1 Event. A repeat of the last event with the same reason and message for the
   * same object bumps `count` and `lastTimestamp`, as the event recorder's aggregation does.
   */
  recordEvent(spec: EventSpec): void {
    const involved = spec.involved;
    const namespace = namespaceOf(involved) || 'default';
    const now = nowTimestamp();
    const existing = this.list(GR.events, namespace).find((event) => {
      const ref = objectAt(event.involvedObject);
      return (
        ref?.uid === uidOf(involved) &&
        event.reason === spec.reason &&
        event.message === spec.message
      );
    });
    if (existing) {
      const next = clone(existing);
      next.count = (typeof existing.count === 'number' ? existing.count : 1) + 1;
      next.lastTimestamp = now;
      this.update(GR.events, next);
      return;
    }
    const involvedObject: JsonObject = {
      apiVersion: str(involved.apiVersion) ?? '',
      kind: str(involved.kind) ?? '',
      name: nameOf(involved),
      uid: uidOf(involved),
      resourceVersion: str(metadataOf(clone(involved)).resourceVersion) ?? '',
    };
    if (namespaceOf(involved)) involvedObject.namespace = namespaceOf(involved);
    const source: JsonObject = { component: spec.component };
    if (spec.host) source.host = spec.host;
    this.create(GR.events, namespace, {
      metadata: {
        name: `${nameOf(involved)}.${randomBytes(8).toString('hex')}`,
        namespace,
      },
      involvedObject,
      reason: spec.reason,
      message: spec.message,
      type: spec.type,
      source,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      reportingComponent: spec.component,
      reportingInstance: spec.host ?? '',
    });
  }
}
