/** Builders for KataConfig tests: nodes with MCO annotations and MachineConfigPool snapshots. */
import { NodeAnnotation } from '../mco/constants';
import type { Node } from '../k8s/types';
import { KATA_NODE_ROLE_LABEL, MASTER_NODE_ROLE_LABEL, WORKER_NODE_ROLE_LABEL } from './constants';
import type { PoolSnapshot } from './statusDerivation';

export type Role = 'worker' | 'master' | 'kata';

const ROLE_LABELS: Record<Role, string> = {
  worker: WORKER_NODE_ROLE_LABEL,
  master: MASTER_NODE_ROLE_LABEL,
  kata: KATA_NODE_ROLE_LABEL,
};

export interface NodeOptions {
  roles: Role[];
  state?: string;
  currentConfig?: string;
  desiredConfig?: string;
  reason?: string;
}

export const node = (name: string, options: NodeOptions): Node => {
  const annotations: Record<string, string> = {};
  if (options.state !== undefined) annotations[NodeAnnotation.state] = options.state;
  if (options.currentConfig !== undefined)
    annotations[NodeAnnotation.currentConfig] = options.currentConfig;
  if (options.desiredConfig !== undefined)
    annotations[NodeAnnotation.desiredConfig] = options.desiredConfig;
  if (options.reason !== undefined) annotations[NodeAnnotation.reason] = options.reason;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: Object.fromEntries(options.roles.map((role) => [ROLE_LABELS[role], ''])),
      annotations,
    },
  };
};

export const pool = (
  name: string,
  targetConfig: string | undefined,
  options: { updating?: boolean; machineCount?: number } = {},
): PoolSnapshot => ({
  metadata: { name },
  spec: targetConfig === undefined ? {} : { configuration: { name: targetConfig } },
  status: {
    machineCount: options.machineCount ?? 0,
    conditions: [
      { type: 'Updated', status: options.updating ? 'False' : 'True' },
      { type: 'Updating', status: options.updating ? 'True' : 'False' },
    ],
  },
});
