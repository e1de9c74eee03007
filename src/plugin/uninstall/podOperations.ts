import { k8sDelete, k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import { PodModel } from '../../shared/k8s/models';
import type { BlockingPod } from '../../shared/workloads/kataPods';
import { blockingPodKey } from '../../shared/workloads/kataPods';
import type { OwnerStopAction } from '../../shared/workloads/kataPodsActions';
import { ownerStopActionKey, SCALE_TO_ZERO_PATCH } from '../../shared/workloads/kataPodsActions';
import { errorMessage } from '../common/errorMessage';

/** One change the user confirmed: delete a pod, or stop the workload that owns pods. */
export type PodOperation =
  { kind: 'deletePod'; pod: BlockingPod } | { kind: 'stopOwner'; action: OwnerStopAction };

export const podOperationKey = (operation: PodOperation): string =>
  operation.kind === 'deletePod'
    ? `pod/${blockingPodKey(operation.pod)}`
    : `owner/${ownerStopActionKey(operation.action)}`;

// A Job deleted through the REST API orphans its pods unless told otherwise.
const DELETE_WITH_PODS = {
  kind: 'DeleteOptions',
  apiVersion: 'v1',
  propagationPolicy: 'Background',
};

const runOperation = (operation: PodOperation): Promise<unknown> => {
  if (operation.kind === 'deletePod') {
    const { name, namespace } = operation.pod;
    return k8sDelete({ model: PodModel, resource: { metadata: { name, namespace } } });
  }
  const { action } = operation;
  const resource = { metadata: { name: action.name, namespace: action.namespace } };
  return action.kind === 'scaleToZero'
    ? k8sPatch({ model: action.model, resource, data: [...SCALE_TO_ZERO_PATCH] })
    : k8sDelete({ model: action.model, resource, json: DELETE_WITH_PODS });
};

export interface PodOperationFailure {
  operation: PodOperation;
  /** The server's message. */
  message: string;
}

/** Runs every operation (independently: one failure does not stop the rest). */
export const runPodOperations = async (
  operations: readonly PodOperation[],
): Promise<PodOperationFailure[]> => {
  const results = await Promise.allSettled(operations.map(runOperation));
  return results.flatMap((result, index) => {
    const operation = operations[index];
    if (result.status === 'fulfilled' || !operation) return [];
    return [{ operation, message: errorMessage(result.reason) ?? String(result.reason) }];
  });
};
