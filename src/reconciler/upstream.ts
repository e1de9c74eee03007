/**
 * Detecting the upstream OpenShift sandboxed containers operator, so that two controllers never
 * fight over one KataConfig. The documented rule (docs/reconciler.md): the operator is present
 * when, in namespace `openshift-sandboxed-containers-operator`, either its Deployment
 * `controller-manager` exists and is not scaled to zero, or an OLM ClusterServiceVersion named
 * `sandboxed-containers-operator.*` exists and is not being deleted or replaced.
 */
import { OPERATOR_NAMESPACE } from '../shared/kataconfig';
import type { K8sObject } from '../shared/k8s';

export const UPSTREAM_DEPLOYMENT_NAME = 'controller-manager';
export const UPSTREAM_CSV_PREFIX = 'sandboxed-containers-operator';
export { OPERATOR_NAMESPACE as UPSTREAM_NAMESPACE };

export interface DeploymentLike extends K8sObject {
  spec?: { replicas?: number | null };
}

export interface CsvLike extends K8sObject {
  status?: { phase?: string };
}

export interface UpstreamEvidence {
  /** The Deployment, or null when it does not exist. */
  deployment: DeploymentLike | null;
  /** ClusterServiceVersions in the operator namespace (empty when OLM is absent). */
  csvs: readonly CsvLike[];
}

export type UpstreamVerdict = { present: false } | { present: true; reason: string };

const INACTIVE_CSV_PHASES: readonly string[] = ['Deleting', 'Replacing'];

export const detectUpstreamOperator = (evidence: UpstreamEvidence): UpstreamVerdict => {
  const { deployment } = evidence;
  if (deployment && !deployment.metadata?.deletionTimestamp && deployment.spec?.replicas !== 0) {
    return {
      present: true,
      reason: `Deployment ${OPERATOR_NAMESPACE}/${UPSTREAM_DEPLOYMENT_NAME} exists`,
    };
  }
  const csv = evidence.csvs.find((candidate) => {
    const name = candidate.metadata?.name ?? '';
    return (
      (name === UPSTREAM_CSV_PREFIX || name.startsWith(`${UPSTREAM_CSV_PREFIX}.`)) &&
      !candidate.metadata?.deletionTimestamp &&
      !INACTIVE_CSV_PHASES.includes(candidate.status?.phase ?? '')
    );
  });
  if (csv) {
    return {
      present: true,
      reason: `ClusterServiceVersion ${OPERATOR_NAMESPACE}/${csv.metadata?.name ?? ''} exists`,
    };
  }
  return { present: false };
};

export const standDownMessage = (reason: string): string =>
  `The OpenShift sandboxed containers operator manages this cluster (${reason}); ` +
  'the bundled reconciler stands down and changes nothing';
