/**
 * The OpenShift kinds the local cluster serves as CustomResourceDefinitions, with schemas that
 * follow openshift/api for the fields this project reads and writes. Parts that the project does
 * not touch are kept open with x-kubernetes-preserve-unknown-fields rather than modelled.
 */
import type { JsonObject } from '../apiserver/json';

type Schema = JsonObject;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (format: 'int32' | 'int64' = 'int32'): Schema => ({ type: 'integer', format });
const bool: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: str() };
const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...extra,
});
const list = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
const open: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const intOrString: Schema = {
  'x-kubernetes-int-or-string': true,
  anyOf: [{ type: 'integer' }, { type: 'string' }],
};

const labelSelector: Schema = obj(
  {
    matchLabels: { type: 'object', additionalProperties: str() },
    matchExpressions: list(
      obj({ key: str(), operator: str(), values: strings }, { required: ['key', 'operator'] }),
    ),
  },
  { 'x-kubernetes-map-type': 'atomic' },
);

const objectReference: Schema = obj({
  apiVersion: str(),
  kind: str(),
  name: str(),
  namespace: str(),
  uid: str(),
  resourceVersion: str(),
  fieldPath: str(),
});

/** metav1.Condition. */
const condition: Schema = obj(
  {
    type: str(),
    status: str({ enum: ['True', 'False', 'Unknown'] }),
    reason: str(),
    message: str(),
    lastTransitionTime: str({ format: 'date-time' }),
    observedGeneration: int('int64'),
  },
  { required: ['type', 'status'] },
);

/** The older per-kind condition shape (MachineConfigPool, ContainerRuntimeConfig). */
const legacyCondition: Schema = obj({
  type: str(),
  status: str(),
  reason: str(),
  message: str(),
  lastTransitionTime: { type: 'string', format: 'date-time', nullable: true },
});

const conditions = (item: Schema): Schema =>
  list(item, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] });

interface CrdSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular?: string;
  shortNames?: string[];
  namespaced?: boolean;
  status: boolean;
  spec: Schema;
  statusSchema?: Schema;
  required?: string[];
  columns?: JsonObject[];
}

const crd = (spec: CrdSpec): JsonObject => {
  const properties: JsonObject = {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object' },
    spec: spec.spec,
  };
  if (spec.statusSchema) properties.status = spec.statusSchema;
  const version: JsonObject = {
    name: spec.version,
    served: true,
    storage: true,
    schema: {
      openAPIV3Schema: {
        type: 'object',
        ...(spec.required ? { required: spec.required } : {}),
        properties,
      },
    },
  };
  if (spec.status) version.subresources = { status: {} };
  if (spec.columns) version.additionalPrinterColumns = spec.columns;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${spec.plural}.${spec.group}`,
      annotations: { 'include.release.openshift.io/self-managed-high-availability': 'true' },
    },
    spec: {
      group: spec.group,
      names: {
        kind: spec.kind,
        listKind: `${spec.kind}List`,
        plural: spec.plural,
        singular: spec.singular ?? spec.kind.toLowerCase(),
        ...(spec.shortNames ? { shortNames: spec.shortNames } : {}),
      },
      scope: spec.namespaced ? 'Namespaced' : 'Cluster',
      versions: [version],
    },
  };
};

const MCO = 'machineconfiguration.openshift.io';

export const MACHINE_CONFIG_CRD = crd({
  group: MCO,
  version: 'v1',
  kind: 'MachineConfig',
  plural: 'machineconfigs',
  shortNames: ['mc'],
  status: false,
  spec: obj({
    baseOSExtensionsContainerImage: str(),
    config: { type: 'object', nullable: true, 'x-kubernetes-preserve-unknown-fields': true },
    extensions: list(str(), { 'x-kubernetes-list-type': 'atomic' }),
    fips: bool,
    kernelArguments: list(str(), { nullable: true, 'x-kubernetes-list-type': 'atomic' }),
    kernelType: str(),
    osImageURL: str(),
  }),
  columns: [
    {
      name: 'GeneratedByController',
      type: 'string',
      jsonPath:
        '.metadata.annotations.machineconfiguration\\.openshift\\.io/generated-by-controller-version',
    },
    { name: 'IgnitionVersion', type: 'string', jsonPath: '.spec.config.ignition.version' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});

const poolConfiguration = obj({
  ...(objectReference.properties as Record<string, Schema>),
  source: list(objectReference),
});

export const MACHINE_CONFIG_POOL_CRD = crd({
  group: MCO,
  version: 'v1',
  kind: 'MachineConfigPool',
  plural: 'machineconfigpools',
  shortNames: ['mcp'],
  status: true,
  spec: obj({
    configuration: poolConfiguration,
    machineConfigSelector: labelSelector,
    nodeSelector: labelSelector,
    paused: bool,
    maxUnavailable: intOrString,
    pinnedImageSets: list(obj({ name: str() }, { required: ['name'] })),
    osImageStream: obj({ name: str() }),
  }),
  statusSchema: obj({
    observedGeneration: int('int64'),
    configuration: poolConfiguration,
    machineCount: int(),
    updatedMachineCount: int(),
    readyMachineCount: int(),
    unavailableMachineCount: int(),
    degradedMachineCount: int(),
    conditions: list(legacyCondition),
    certExpirys: list(obj({ bundle: str(), subject: str(), expiry: str({ format: 'date-time' }) })),
    poolSynchronizersStatus: list(open),
    osImageStream: obj({ name: str() }),
  }),
  columns: [
    { name: 'Config', type: 'string', jsonPath: '.status.configuration.name' },
    {
      name: 'Updated',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Updated")].status',
    },
    {
      name: 'Updating',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Updating")].status',
    },
    {
      name: 'Degraded',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Degraded")].status',
    },
    { name: 'MachineCount', type: 'number', jsonPath: '.status.machineCount' },
    { name: 'ReadyMachineCount', type: 'number', jsonPath: '.status.readyMachineCount' },
    { name: 'UpdatedMachineCount', type: 'number', jsonPath: '.status.updatedMachineCount' },
    { name: 'DegradedMachineCount', type: 'number', jsonPath: '.status.degradedMachineCount' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});

export const MACHINE_CONFIG_NODE_CRD = crd({
  group: MCO,
  version: 'v1',
  kind: 'MachineConfigNode',
  plural: 'machineconfignodes',
  status: true,
  spec: obj({
    node: obj({ name: str() }),
    pool: obj({ name: str() }),
    configVersion: obj({ desired: str() }),
    configImage: obj({ desiredImage: str() }),
  }),
  statusSchema: obj({
    conditions: conditions(condition),
    observedGeneration: int('int64'),
    configVersion: obj({ current: str(), desired: str() }),
    configImage: obj({ currentImage: str(), desiredImage: str() }),
    pinnedImageSets: list(
      obj({
        name: str(),
        currentGeneration: int(),
        desiredGeneration: int(),
        lastFailedGeneration: int(),
        lastFailedGenerationError: str(),
      }),
    ),
    irreconcilableChanges: list(obj({ fieldPath: str(), diff: str() })),
  }),
  columns: [
    { name: 'PoolName', type: 'string', jsonPath: '.spec.pool.name' },
    { name: 'DesiredConfig', type: 'string', jsonPath: '.spec.configVersion.desired' },
    { name: 'CurrentConfig', type: 'string', jsonPath: '.status.configVersion.current' },
    {
      name: 'Updated',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Updated")].status',
    },
  ],
});

export const CONTAINER_RUNTIME_CONFIG_CRD = crd({
  group: MCO,
  version: 'v1',
  kind: 'ContainerRuntimeConfig',
  plural: 'containerruntimeconfigs',
  shortNames: ['ctrcfg'],
  status: true,
  spec: obj(
    {
      machineConfigPoolSelector: labelSelector,
      containerRuntimeConfig: obj({
        pidsLimit: { type: 'integer', format: 'int64', nullable: true },
        logLevel: str(),
        logSizeMax: { ...intOrString, nullable: true },
        overlaySize: { ...intOrString, nullable: true },
        defaultRuntime: str(),
      }),
    },
    { required: ['containerRuntimeConfig'] },
  ),
  statusSchema: obj({ observedGeneration: int('int64'), conditions: list(legacyCondition) }),
  required: ['spec'],
});

export const CONSOLE_PLUGIN_CRD = crd({
  group: 'console.openshift.io',
  version: 'v1',
  kind: 'ConsolePlugin',
  plural: 'consoleplugins',
  status: false,
  spec: obj(
    {
      displayName: str(),
      backend: obj(
        {
          type: str({ enum: ['Service'] }),
          service: obj(
            {
              name: str(),
              namespace: str(),
              port: { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 },
              basePath: str(),
            },
            { required: ['name', 'namespace', 'port'] },
          ),
        },
        { required: ['type'] },
      ),
      i18n: obj({ loadType: str({ enum: ['Preload', 'Lazy', ''] }) }),
      proxy: list(
        obj({
          alias: str(),
          authorization: str({ enum: ['UserToken', 'None'] }),
          caCertificate: str(),
          endpoint: obj({
            type: str({ enum: ['Service'] }),
            service: obj({ name: str(), namespace: str(), port: int() }),
          }),
        }),
      ),
      contentSecurityPolicy: list(obj({ directive: str(), values: strings })),
    },
    { required: ['backend'] },
  ),
  required: ['spec'],
});

export const CONSOLE_OPERATOR_CRD = crd({
  group: 'operator.openshift.io',
  version: 'v1',
  kind: 'Console',
  plural: 'consoles',
  status: true,
  spec: obj({
    managementState: str({ pattern: '^(Managed|Unmanaged|Force|Removed)$' }),
    logLevel: str(),
    operatorLogLevel: str(),
    plugins: list(str(), { 'x-kubernetes-list-type': 'atomic' }),
    customization: open,
    providers: open,
    route: open,
    ingress: open,
    observedConfig: {
      type: 'object',
      nullable: true,
      'x-kubernetes-preserve-unknown-fields': true,
    },
    unsupportedConfigOverrides: {
      type: 'object',
      nullable: true,
      'x-kubernetes-preserve-unknown-fields': true,
    },
  }),
  statusSchema: open,
});

export const CLUSTER_VERSION_CRD = crd({
  group: 'config.openshift.io',
  version: 'v1',
  kind: 'ClusterVersion',
  plural: 'clusterversions',
  status: true,
  spec: obj(
    {
      clusterID: str(),
      channel: str(),
      upstream: str(),
      desiredUpdate: open,
      capabilities: open,
      overrides: list(open),
    },
    { required: ['clusterID'] },
  ),
  statusSchema: obj(
    {
      desired: obj({ version: str(), image: str(), channels: strings, url: str() }),
      history: list(
        obj({
          state: str(),
          version: str(),
          image: str(),
          startedTime: str({ format: 'date-time' }),
          completionTime: { type: 'string', format: 'date-time', nullable: true },
          verified: bool,
          acceptedRisks: str(),
        }),
      ),
      observedGeneration: int('int64'),
      versionHash: str(),
      conditions: list(legacyCondition),
      availableUpdates: { type: 'array', nullable: true, items: open },
      conditionalUpdates: list(open),
      capabilities: open,
    },
    { 'x-kubernetes-preserve-unknown-fields': true },
  ),
  required: ['spec'],
});

export const OPENSHIFT_CRDS: JsonObject[] = [
  MACHINE_CONFIG_CRD,
  MACHINE_CONFIG_POOL_CRD,
  MACHINE_CONFIG_NODE_CRD,
  CONTAINER_RUNTIME_CONFIG_CRD,
  CONSOLE_PLUGIN_CRD,
  CONSOLE_OPERATOR_CRD,
  CLUSTER_VERSION_CRD,
];
