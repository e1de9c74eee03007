/**
 * The resource types the emulator serves: built-in kinds, and the kinds of every established
 * CustomResourceDefinition (added and removed at runtime, so discovery changes at once).
 */
import type { JsonObject, JsonValue } from './json';
import { isObject, objectAt, str, stringListAt } from './json';

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Has a `/status` subresource: the main endpoint ignores status and vice versa. */
  status: boolean;
  /** metadata.generation is maintained (bumped on changes outside metadata and status). */
  generation: boolean;
  /** Served by a CustomResourceDefinition: JSON-merge and apply patches only; schema applies. */
  crd: boolean;
  /** The CRD's structural schema for this version, when there is one. */
  schema?: JsonObject;
  /** Not stored: create answers a review (SelfSubjectAccessReview). */
  virtual?: boolean;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

interface BuiltinSpec {
  gv: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  status?: boolean;
  generation?: boolean;
  virtual?: boolean;
  categories?: string[];
}

const BUILTINS: BuiltinSpec[] = [
  {
    gv: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    status: true,
  },
  { gv: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], status: true },
  {
    gv: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    status: true,
    categories: ['all'],
  },
  { gv: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  { gv: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  { gv: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] },
  {
    gv: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    gv: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    status: true,
    categories: ['all'],
  },
  { gv: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'] },
  {
    gv: 'v1',
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    namespaced: true,
    shortNames: ['pvc'],
    status: true,
  },
  {
    gv: 'v1',
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    namespaced: true,
    shortNames: ['quota'],
    status: true,
  },
  { gv: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'] },
  {
    gv: 'apps/v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'apps/v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'apps/v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'apps/v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    namespaced: true,
    shortNames: ['sts'],
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'batch/v1',
    kind: 'Job',
    plural: 'jobs',
    namespaced: true,
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'batch/v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    namespaced: true,
    shortNames: ['cj'],
    status: true,
    generation: true,
    categories: ['all'],
  },
  {
    gv: 'policy/v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
    shortNames: ['pdb'],
    status: true,
    generation: true,
  },
  { gv: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases', namespaced: true },
  { gv: 'node.k8s.io/v1', kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false },
  {
    gv: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    plural: 'priorityclasses',
    namespaced: false,
    shortNames: ['pc'],
  },
  { gv: 'rbac.authorization.k8s.io/v1', kind: 'Role', plural: 'roles', namespaced: true },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    namespaced: true,
  },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  {
    gv: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    status: true,
    generation: true,
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    plural: 'validatingadmissionpolicies',
    namespaced: false,
    status: true,
    generation: true,
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    plural: 'validatingadmissionpolicybindings',
    namespaced: false,
    generation: true,
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
    generation: true,
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
    generation: true,
  },
  {
    gv: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    plural: 'selfsubjectaccessreviews',
    namespaced: false,
    virtual: true,
  },
  {
    gv: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    plural: 'selfsubjectreviews',
    namespaced: false,
    virtual: true,
  },
];

const splitGv = (gv: string): { group: string; version: string } => {
  const slash = gv.indexOf('/');
  return slash < 0
    ? { group: '', version: gv }
    : { group: gv.slice(0, slash), version: gv.slice(slash + 1) };
};

export const apiVersionOf = (type: Pick<ResourceType, 'group' | 'version'>): string =>
  type.group ? `${type.group}/${type.version}` : type.version;

/** The storage identity of a resource: objects are shared by every served version. */
export const groupResource = (type: Pick<ResourceType, 'group' | 'plural'>): string =>
  `${type.group}/${type.plural}`;

const builtinTypes = (): ResourceType[] =>
  BUILTINS.map((spec) => {
    const { group, version } = splitGv(spec.gv);
    return {
      group,
      version,
      kind: spec.kind,
      listKind: `${spec.kind}List`,
      plural: spec.plural,
      singular: spec.kind.toLowerCase(),
      namespaced: spec.namespaced,
      shortNames: spec.shortNames ?? [],
      categories: spec.categories ?? [],
      verbs: spec.virtual ? ['create'] : ALL_VERBS,
      status: spec.status ?? false,
      generation: spec.generation ?? false,
      crd: false,
      ...(spec.virtual ? { virtual: true } : {}),
    };
  });

/** The resource types a CustomResourceDefinition serves (one per served version). */
export const typesFromCrd = (crd: JsonObject): ResourceType[] => {
  const spec = objectAt(crd.spec);
  const names = objectAt(spec?.names);
  const group = str(spec?.group);
  const kind = str(names?.kind);
  const plural = str(names?.plural);
  if (!spec || !names || !group || !kind || !plural) return [];
  const versions: JsonValue[] = Array.isArray(spec.versions) ? spec.versions : [];
  return versions.filter(isObject).flatMap((version): ResourceType[] => {
    const name = str(version.name);
    if (!name || version.served === false) return [];
    const schema = objectAt(objectAt(version.schema)?.openAPIV3Schema);
    return [
      {
        group,
        version: name,
        kind,
        listKind: str(names.listKind) ?? `${kind}List`,
        plural,
        singular: str(names.singular) ?? kind.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        shortNames: stringListAt(names.shortNames),
        categories: stringListAt(names.categories),
        verbs: ALL_VERBS,
        status: isObject(objectAt(version.subresources)?.status),
        generation: true,
        crd: true,
        ...(schema ? { schema } : {}),
      },
    ];
  });
};

export class Registry {
  private readonly builtins = builtinTypes();
  private readonly crdTypes = new Map<string, ResourceType[]>();

  all(): ResourceType[] {
    return [...this.builtins, ...[...this.crdTypes.values()].flat()];
  }

  /** Registers (or replaces) the types of a CRD, keyed by the CRD's name. */
  setCrd(crdName: string, types: ResourceType[]): void {
    if (types.length === 0) this.crdTypes.delete(crdName);
    else this.crdTypes.set(crdName, types);
  }

  removeCrd(crdName: string): void {
    this.crdTypes.delete(crdName);
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.all().find(
      (t) => t.group === group && t.version === version && t.plural === plural,
    );
  }

  findKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitGv(apiVersion);
    return this.all().find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  /** Every served type of a group/resource, for reading objects stored under it. */
  versionsOf(group: string, plural: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.plural === plural);
  }

  groupVersions(): { group: string; versions: string[] }[] {
    const groups = new Map<string, string[]>();
    for (const type of this.all()) {
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return [...groups.entries()].map(([group, versions]) => ({ group, versions }));
  }
}

export { splitGv };

const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export const compareVersions = (a: string, b: string): number => {
  const rank = (v: string): [number, number, number] | undefined => {
    const match = VERSION_PATTERN.exec(v);
    if (!match) return undefined;
    const stability = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2;
    return [stability, Number(match[1]), Number(match[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
  if (ra) return -1;
  if (rb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
