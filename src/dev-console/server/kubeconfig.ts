/** Reads what the dev server needs to reach a cluster from a kubeconfig file. */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

export interface ProxyTarget {
  /** Base URL of the Kubernetes API, e.g. https://127.0.0.1:6443 or http://127.0.0.1:8001. */
  url: string;
  /** PEM certificate authority to trust for an https target. */
  caPem?: string;
  /** Bearer token added to every proxied request. */
  token?: string;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const named = (list: unknown, name: string): Record<string, unknown> | undefined => {
  if (!Array.isArray(list)) return undefined;
  const found: unknown = list.find((entry) => record(entry).name === name);
  return found === undefined ? undefined : record(found);
};

/**
 * The cluster of the current context, with the bearer token of `user` (a user entry's name in the
 * kubeconfig: `admin` or `viewer` for the local cluster).
 */
export const targetFromKubeconfig = (path: string, user: string): ProxyTarget => {
  let parsed: Record<string, unknown>;
  try {
    parsed = record(load(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new Error(`cannot read kubeconfig ${path}: ${(error as Error).message}`);
  }
  const currentName =
    typeof parsed['current-context'] === 'string' ? parsed['current-context'] : '';
  const context = record(named(parsed.contexts, currentName)?.context);
  const clusterName = typeof context.cluster === 'string' ? context.cluster : '';
  const cluster = record(named(parsed.clusters, clusterName)?.cluster);
  const server = cluster.server;
  if (typeof server !== 'string') {
    throw new Error(`kubeconfig ${path}: the current context names no cluster server`);
  }
  const userEntry = named(parsed.users, user);
  if (!userEntry) throw new Error(`kubeconfig ${path} has no user "${user}"`);
  const token = record(userEntry.user).token;
  if (typeof token !== 'string') throw new Error(`kubeconfig ${path}: user "${user}" has no token`);
  const caData = cluster['certificate-authority-data'];
  return {
    url: server,
    token,
    ...(typeof caData === 'string'
      ? { caPem: Buffer.from(caData, 'base64').toString('utf8') }
      : {}),
  };
};
