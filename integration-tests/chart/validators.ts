/** Schema validation of rendered objects, the hardening rules and the documented RBAC rules. */
import { Ajv } from 'ajv';
import { CONSOLE_PLUGIN_CRD } from '../../src/cluster/seed/openshiftCrds';
import type { K8sManifest } from './chartTools';
import { at, run } from './chartTools';

/**
 * kubernetes-models is ESM-only (its exports have no "require" condition), so the built-in kinds
 * are validated in a Node ESM child process. It answers one message per object: '' when valid.
 */
const MODELS_SCRIPT = `
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const objects = JSON.parse(Buffer.concat(chunks).toString());
const answers = [];
for (const object of objects) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const module = await import(group ? 'kubernetes-models/' + group + '/' + version : 'kubernetes-models/' + version);
  const Model = module[object.kind];
  if (typeof Model !== 'function') { answers.push('kubernetes-models has no ' + object.apiVersion + ' ' + object.kind); continue; }
  try { new Model(object).validate(); answers.push(''); } catch (error) { answers.push(String(error && error.message)); }
}
process.stdout.write(JSON.stringify(answers));
`;

/** Kinds kubernetes-models knows (the built-in ones). */
export const isBuiltIn = (manifest: K8sManifest): boolean =>
  !manifest.apiVersion.includes('.') ||
  manifest.apiVersion.endsWith('.k8s.io/v1') ||
  manifest.apiVersion === 'apps/v1';

export const validateBuiltIns = async (
  manifests: readonly K8sManifest[],
): Promise<Record<string, string>> => {
  const result = await run('node', ['--input-type=module', '-e', MODELS_SCRIPT], {
    input: JSON.stringify(manifests),
  });
  if (result.code !== 0) throw new Error(`kubernetes-models validation crashed: ${result.stderr}`);
  const answers = JSON.parse(result.stdout) as string[];
  const errors: Record<string, string> = {};
  manifests.forEach((manifest, index) => {
    const answer = answers[index] ?? 'no answer';
    if (answer !== '') errors[`${manifest.kind}/${manifest.metadata.name}`] = answer;
  });
  return errors;
};

/** The openAPIV3Schema of a CRD version, as a JSON schema ajv understands. */
const crdSchema = (crd: unknown): object => {
  const schema = at(crd, 'spec.versions.0.schema.openAPIV3Schema');
  if (typeof schema !== 'object' || schema === null) throw new Error('CRD without a schema');
  return schema;
};

/**
 * A minimal structural schema of monitoring.coreos.com/v1 ServiceMonitor (the local cluster does
 * not serve it): the fields the chart sets, with the Prometheus operator's types.
 */
const SERVICE_MONITOR_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'monitoring.coreos.com/v1' },
    kind: { const: 'ServiceMonitor' },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['selector', 'endpoints'],
      properties: {
        selector: {
          type: 'object',
          properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } },
        },
        namespaceSelector: {
          type: 'object',
          additionalProperties: false,
          properties: {
            any: { type: 'boolean' },
            matchNames: { type: 'array', items: { type: 'string' } },
          },
        },
        endpoints: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              port: { type: 'string' },
              path: { type: 'string', pattern: '^/' },
              scheme: { enum: ['http', 'https'] },
              interval: {
                type: 'string',
                pattern:
                  '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$',
              },
            },
          },
        },
      },
    },
  },
};

const int = (bits: number) => ({
  type: 'number' as const,
  validate: (value: number): boolean =>
    Number.isInteger(value) && Math.abs(value) <= 2 ** (bits - 1),
});
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  formats: { int32: int(32), int64: int(64) },
});
const CUSTOM_VALIDATORS = {
  'console.openshift.io/v1 ConsolePlugin': ajv.compile(crdSchema(CONSOLE_PLUGIN_CRD)),
  'monitoring.coreos.com/v1 ServiceMonitor': ajv.compile(SERVICE_MONITOR_SCHEMA),
};

/** Validates an OpenShift or operator kind against its CRD schema; '' when valid. */
export const validateCustom = (manifest: K8sManifest): string => {
  const key = `${manifest.apiVersion} ${manifest.kind}`;
  const validate = (
    CUSTOM_VALIDATORS as Record<
      string,
      (typeof CUSTOM_VALIDATORS)['monitoring.coreos.com/v1 ServiceMonitor'] | undefined
    >
  )[key];
  if (!validate) return `no schema for ${key}`;
  return validate(manifest) ? '' : ajv.errorsText(validate.errors);
};

export interface PodOwner {
  name: string;
  kind: string;
  podSpec: Record<string, unknown>;
}

export const podSpecs = (manifests: readonly K8sManifest[]): PodOwner[] =>
  manifests
    .filter((m) => ['Deployment', 'Job', 'DaemonSet', 'StatefulSet'].includes(m.kind))
    .map((m) => ({
      name: m.metadata.name,
      kind: m.kind,
      podSpec: (at(m, 'spec.template.spec') ?? {}) as Record<string, unknown>,
    }));

/**
 * The hardening rules: non-root, read-only root filesystem, no privilege escalation, every
 * capability dropped, seccomp RuntimeDefault, requests set, no host namespaces or host paths,
 * and a service-account token only for the pods in `needsToken`. Returns the violations.
 */
export const hardeningViolations = (owner: PodOwner, needsToken: readonly string[]): string[] => {
  const spec = owner.podSpec;
  const problems: string[] = [];
  const where = `${owner.kind}/${owner.name}`;
  if (at(spec, 'securityContext.runAsNonRoot') !== true)
    problems.push(`${where}: pod runAsNonRoot`);
  if (at(spec, 'securityContext.seccompProfile.type') !== 'RuntimeDefault')
    problems.push(`${where}: pod seccompProfile`);
  if (at(spec, 'securityContext.runAsUser') === 0) problems.push(`${where}: pod runs as uid 0`);
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[host] === true) problems.push(`${where}: ${host}`);
  }
  const volumes = (spec.volumes ?? []) as Record<string, unknown>[];
  if (volumes.some((volume) => volume.hostPath !== undefined)) problems.push(`${where}: hostPath`);
  const token = spec.automountServiceAccountToken;
  const wantsToken = needsToken.includes(owner.name);
  if (token !== wantsToken) {
    problems.push(`${where}: automountServiceAccountToken must be ${String(wantsToken)}`);
  }
  const containers = [
    ...((spec.initContainers ?? []) as Record<string, unknown>[]),
    ...((spec.containers ?? []) as Record<string, unknown>[]),
  ];
  if (containers.length === 0) problems.push(`${where}: no containers`);
  for (const container of containers) {
    const name = `${where}/${String(container.name)}`;
    const sc = container.securityContext;
    if (at(sc, 'readOnlyRootFilesystem') !== true) problems.push(`${name}: readOnlyRootFilesystem`);
    if (at(sc, 'allowPrivilegeEscalation') !== false)
      problems.push(`${name}: allowPrivilegeEscalation`);
    if (at(sc, 'privileged') === true) problems.push(`${name}: privileged`);
    if (at(sc, 'runAsUser') === 0) problems.push(`${name}: runs as uid 0`);
    if (at(sc, 'runAsNonRoot') === false) problems.push(`${name}: runAsNonRoot false`);
    const drop = at(sc, 'capabilities.drop');
    if (!Array.isArray(drop) || !drop.includes('ALL')) problems.push(`${name}: capabilities.drop`);
    const add = at(sc, 'capabilities.add');
    if (Array.isArray(add) && add.length > 0) problems.push(`${name}: capabilities.add`);
    const seccomp = at(sc, 'seccompProfile.type');
    if (seccomp !== undefined && seccomp !== 'RuntimeDefault') problems.push(`${name}: seccomp`);
    if (at(container, 'resources.requests.cpu') === undefined)
      problems.push(`${name}: cpu request`);
    if (at(container, 'resources.requests.memory') === undefined)
      problems.push(`${name}: memory request`);
  }
  return problems;
};

/** One granted permission: "role|apiGroup|resource|resourceName|verb" (resourceName may be *). */
export type Grant = string;

interface RuleLike {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs?: string[];
}

export const grantsOfRules = (role: string, rules: readonly RuleLike[]): Grant[] =>
  rules.flatMap((rule) =>
    (rule.apiGroups ?? []).flatMap((group) =>
      (rule.resources ?? []).flatMap((resource) =>
        (rule.resourceNames?.length ? rule.resourceNames : ['*']).flatMap((name) =>
          (rule.verbs ?? []).map((verb) => `${role}|${group}|${resource}|${name}|${verb}`),
        ),
      ),
    ),
  );

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

/** Words of a table cell: backticks, commas and "core" (for "") are understood. */
const words = (cell: string): string[] =>
  cell
    .replace(/`/g, '')
    .split(/[,\s]+/)
    .map((word) => word.trim())
    .filter((word) => word !== '' && word !== '-' && word !== '—')
    .map((word) => (word === 'core' || word === '""' ? '' : word));

/**
 * The grants of the first Markdown table under `heading` whose header names a role, an API
 * group, resources, resource names and verbs (the docs/reconciler.md RBAC table).
 */
export const grantsOfTable = (markdown: string, heading: string): Grant[] => {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`no "${heading}" section`);
  const lines = markdown.slice(start).split('\n');
  const headerIndex = lines.findIndex((line) => /^\|.*verbs/i.test(line));
  if (headerIndex === -1) throw new Error(`no rules table under "${heading}"`);
  const header = cells(lines[headerIndex] ?? '').map((cell) => cell.toLowerCase());
  const column = (pattern: RegExp): number => header.findIndex((cell) => pattern.test(cell));
  const role = column(/role/);
  const group = column(/group/);
  const resources = column(/^resources?$/);
  const names = column(/names/);
  const verbs = column(/verbs/);
  const grants: Grant[] = [];
  for (const line of lines.slice(headerIndex + 2)) {
    if (!line.trim().startsWith('|')) break;
    const row = cells(line);
    const rule: RuleLike = {
      apiGroups: words(row[group] ?? ''),
      resources: words(row[resources] ?? ''),
      resourceNames: names === -1 ? [] : words(row[names] ?? ''),
      verbs: words(row[verbs] ?? ''),
    };
    if (rule.apiGroups?.length === 0) rule.apiGroups = [''];
    grants.push(...grantsOfRules((row[role] ?? '').replace(/`/g, ''), [rule]));
  }
  return grants.sort();
};
