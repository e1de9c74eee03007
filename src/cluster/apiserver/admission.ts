/**
 * Admission on create, as kube-apiserver's built-in plugins do it. Only the RuntimeClass plugin
 * is modelled: a pod naming a RuntimeClass gets the class's fixed overhead, node selector and
 * tolerations, and is rejected (403) when the class is missing or disagrees with the pod.
 */
import { parseQuantity, quantitiesEqual } from '../../shared/k8s/quantity';
import type { ApiError } from './errors';
import { forbidden } from './errors';
import type { JsonObject, JsonValue } from './json';
import { child, clone, deepEqual, isObject, objectAt, str } from './json';
import type { ResourceType } from './registry';

/** Reads a stored object by `group/plural`, namespace ('' for cluster-scoped) and name. */
export type ObjectLookup = (gr: string, namespace: string, name: string) => JsonObject | undefined;

const RUNTIME_CLASS_GR = 'node.k8s.io/runtimeclasses';

/** `pods "web-" is forbidden: ...`: the name is the generateName when no name was given. */
const rejectPod = (name: string, reason: string): ApiError =>
  forbidden(name ? `pods "${name}" is forbidden: ${reason}` : `pods is forbidden: ${reason}`);

/** Same resources and semantically equal quantities (`0.25` equals `250m`). */
const resourceListsEqual = (a: JsonObject, b: JsonObject): boolean => {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const left = parseQuantity(a[key]);
    const right = parseQuantity(b[key]);
    if (left.ok && right.ok) return quantitiesEqual(left.value, right.value);
    return deepEqual(a[key], b[key]);
  });
};

const nonEmptyObject = (value: JsonValue | undefined): JsonObject | undefined => {
  const obj = objectAt(value);
  return obj && Object.keys(obj).length > 0 ? obj : undefined;
};

const admitPod = (pod: JsonObject, name: string, lookup: ObjectLookup): void => {
  const spec = child(pod, 'spec');
  const className = str(spec.runtimeClassName);
  const podOverhead = nonEmptyObject(spec.overhead);
  if (!className) {
    if (podOverhead) {
      throw rejectPod(
        name,
        'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
      );
    }
    return;
  }
  const runtimeClass = lookup(RUNTIME_CLASS_GR, '', className);
  if (!runtimeClass) {
    throw rejectPod(name, `pod rejected: RuntimeClass "${className}" not found`);
  }
  const fixed = objectAt(objectAt(runtimeClass.overhead)?.podFixed);
  if (fixed) {
    if (podOverhead && !resourceListsEqual(podOverhead, fixed)) {
      throw rejectPod(
        name,
        "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
      );
    }
    spec.overhead = clone(fixed);
  } else if (podOverhead) {
    throw rejectPod(
      name,
      'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    );
  }
  const scheduling = objectAt(runtimeClass.scheduling);
  if (!scheduling) return;
  const classSelector = objectAt(scheduling.nodeSelector) ?? {};
  if (Object.keys(classSelector).length > 0) {
    const podSelector = objectAt(spec.nodeSelector) ?? {};
    for (const [key, value] of Object.entries(classSelector)) {
      const podValue = podSelector[key];
      if (podValue !== undefined && !deepEqual(podValue, value)) {
        throw rejectPod(
          name,
          `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${String(str(value))}; pod.spec.nodeSelector[${key}] = ${String(str(podValue))}`,
        );
      }
      podSelector[key] = clone(value);
    }
    spec.nodeSelector = podSelector;
  }
  const classTolerations = Array.isArray(scheduling.tolerations)
    ? scheduling.tolerations.filter(isObject)
    : [];
  if (classTolerations.length > 0) {
    const podTolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    for (const toleration of classTolerations) {
      if (!podTolerations.some((existing) => deepEqual(existing, toleration))) {
        podTolerations.push(clone(toleration));
      }
    }
    spec.tolerations = podTolerations;
  }
};

/**
 * Mutating and validating admission for a new object, in place. `name` is what the request
 * named (metadata.name, else generateName), as the real plugins report it before a name is
 * generated. Throws the ApiError the client gets.
 */
export const admitCreate = (
  type: ResourceType,
  obj: JsonObject,
  name: string,
  lookup: ObjectLookup,
): void => {
  if (type.group === '' && type.kind === 'Pod') admitPod(obj, name, lookup);
};
