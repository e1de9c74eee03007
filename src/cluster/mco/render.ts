/**
 * The render controller, as pure functions: the MachineConfigs a pool selects (sorted by name),
 * merged into one spec, named `rendered-<pool>-<32 hex>` from a hash of that spec only, so two
 * pools with identical inputs share the suffix (mco-rollout.md 1.1).
 */
import { createHash } from 'node:crypto';
import { compileLabelSelector } from '../../shared/k8s/labelSelector';
import type { LabelSelector } from '../../shared/k8s/types';
import type {
  MachineConfig,
  MachineConfigPool,
  MachineConfigSpec,
  ObjectReference,
} from '../../shared/mco';
import { MachineConfigAnnotation, MCO_GROUP, RENDERED_CONFIG_PREFIX } from '../../shared/mco';
import {
  CONTROLLER_VERSION,
  OS_IMAGE_URL,
  RELEASE_VERSION,
  RENDERED_IGNITION_VERSION,
} from './simConstants';

/** A fixed salt, so the suffix is not a bare hash of public data (the MCO salts too). */
const HASH_SALT = 'kata-local MCO simulator render salt v1';

const MC_API_VERSION = `${MCO_GROUP}/v1`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with keys sorted at every level: equal specs give equal text. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

const identity = (item: unknown): string | undefined => {
  if (!isRecord(item)) return undefined;
  if (typeof item.path === 'string') return `path:${item.path}`;
  if (typeof item.name === 'string') return `name:${item.name}`;
  return undefined;
};

/**
 * Ignition merge: objects merge key by key, list entries with the same `path` (files,
 * directories) or `name` (units, users) are replaced by the later config, other entries are
 * appended once.
 */
const mergeIgnition = (base: unknown, next: unknown): unknown => {
  if (isRecord(base) && isRecord(next)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(next)) out[key] = mergeIgnition(base[key], value);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(next)) {
    const out: unknown[] = (base as unknown[]).slice();
    for (const item of next as unknown[]) {
      const id = identity(item);
      const at = id === undefined ? -1 : out.findIndex((existing) => identity(existing) === id);
      if (at >= 0) out[at] = mergeIgnition(out[at], item);
      else if (!out.some((existing) => canonical(existing) === canonical(item))) out.push(item);
    }
    return out;
  }
  return next === undefined ? base : next;
};

const unique = (values: string[]): string[] => [...new Set(values)];

/** Merges specs in the given order; the result always has an OS image and Ignition 3.5.0. */
export const mergeMachineConfigs = (configs: readonly MachineConfig[]): MachineConfigSpec => {
  let config: unknown = {};
  const kernelArguments: string[] = [];
  const extensions: string[] = [];
  let fips = false;
  let kernelType = 'default';
  let osImageURL = '';
  let extensionsImage = '';
  for (const mc of configs) {
    const spec = mc.spec ?? {};
    config = mergeIgnition(config, spec.config ?? {});
    kernelArguments.push(...(spec.kernelArguments ?? []));
    extensions.push(...(spec.extensions ?? []));
    fips ||= spec.fips === true;
    if (spec.kernelType && spec.kernelType !== 'default') kernelType = spec.kernelType;
    if (spec.osImageURL) osImageURL = spec.osImageURL;
    if (spec.baseOSExtensionsContainerImage) extensionsImage = spec.baseOSExtensionsContainerImage;
  }
  const merged = isRecord(config) ? config : {};
  const ignition = isRecord(merged.ignition) ? merged.ignition : {};
  return {
    osImageURL: osImageURL || OS_IMAGE_URL,
    baseOSExtensionsContainerImage: extensionsImage || `${OS_IMAGE_URL}-extensions`,
    config: { ...merged, ignition: { ...ignition, version: RENDERED_IGNITION_VERSION } },
    kernelArguments: unique(kernelArguments),
    extensions: unique(extensions).sort(),
    fips,
    kernelType,
  };
};

export const renderedConfigName = (poolName: string, spec: MachineConfigSpec): string => {
  const hash = createHash('md5').update(HASH_SALT).update(canonical(spec)).digest('hex');
  return `${RENDERED_CONFIG_PREFIX}${poolName}-${hash}`;
};

const isEmptySelector = (s: LabelSelector): boolean =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

/** Rendered configs are outputs, never inputs. */
const isRendered = (mc: MachineConfig): boolean =>
  (mc.metadata?.ownerReferences ?? []).some((ref) => ref.kind === 'MachineConfigPool');

const byName = (a: MachineConfig, b: MachineConfig): number => {
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
};

export type RenderResult =
  | { ok: true; name: string; spec: MachineConfigSpec; sources: ObjectReference[] }
  | { ok: false; message: string };

const selectorText = (s: LabelSelector | null | undefined): string => JSON.stringify(s ?? null);

export const renderPool = (
  pool: MachineConfigPool,
  machineConfigs: readonly MachineConfig[],
): RenderResult => {
  const poolName = pool.metadata?.name ?? '';
  const selector = pool.spec?.machineConfigSelector;
  const fail = (err: string): RenderResult => ({
    ok: false,
    message: `Failed to render configuration for pool ${poolName}: ${err}`,
  });
  if (!selector || isEmptySelector(selector)) {
    return fail('refusing to select all MachineConfigs: the machineConfigSelector is empty');
  }
  const { matches, errors } = compileLabelSelector(selector, 'matchesNothing');
  if (errors.length > 0) return fail(`invalid machineConfigSelector ${selectorText(selector)}`);
  const selected = machineConfigs
    .filter((mc) => !isRendered(mc) && matches(mc.metadata?.labels))
    .sort(byName);
  if (selected.length === 0) {
    return fail(`no MachineConfigs found matching selector ${selectorText(selector)}`);
  }
  const spec = mergeMachineConfigs(selected);
  return {
    ok: true,
    name: renderedConfigName(poolName, spec),
    spec,
    sources: selected.map((mc) => ({
      apiVersion: MC_API_VERSION,
      kind: 'MachineConfig',
      name: mc.metadata?.name ?? '',
    })),
  };
};

/** The rendered MachineConfig object, owned by its pool. */
export const renderedMachineConfig = (
  pool: MachineConfigPool,
  name: string,
  spec: MachineConfigSpec,
): MachineConfig => ({
  apiVersion: MC_API_VERSION,
  kind: 'MachineConfig',
  metadata: {
    name,
    annotations: {
      [MachineConfigAnnotation.generatedByControllerVersion]: CONTROLLER_VERSION,
      [MachineConfigAnnotation.releaseImageVersion]: RELEASE_VERSION,
    },
    ownerReferences: [
      {
        apiVersion: MC_API_VERSION,
        kind: 'MachineConfigPool',
        name: pool.metadata?.name ?? '',
        uid: pool.metadata?.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec,
});
