import { Ajv } from 'ajv';

import { KATA_CONFIG_CRD, KATA_CONFIG_PRINTER_COLUMNS, kataConfigCrd } from './crd';
import type { JsonSchemaProps } from './crd';

const version = KATA_CONFIG_CRD.spec.versions[0];
const schema = version?.schema.openAPIV3Schema;
const spec = schema?.properties?.spec;
const status = schema?.properties?.status;

/** Compiles the schema the way the API server reads it: OpenAPI `nullable`, `x-` keys ignored. */
const validator = (root: JsonSchemaProps) =>
  new Ajv({ strict: false, useDefaults: true, validateFormats: false, allErrors: true }).compile(
    root,
  );

describe('KataConfig CRD identity', () => {
  it('is an apiextensions v1 CRD for the cluster-scoped KataConfig kind', () => {
    expect(KATA_CONFIG_CRD.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(KATA_CONFIG_CRD.kind).toBe('CustomResourceDefinition');
    expect(KATA_CONFIG_CRD.metadata.name).toBe('kataconfigs.kataconfiguration.openshift.io');
    expect(KATA_CONFIG_CRD.spec).toMatchObject({
      group: 'kataconfiguration.openshift.io',
      scope: 'Cluster',
      names: {
        kind: 'KataConfig',
        listKind: 'KataConfigList',
        plural: 'kataconfigs',
        singular: 'kataconfig',
      },
    });
    expect(KATA_CONFIG_CRD.spec.names).not.toHaveProperty('shortNames');
  });

  it('serves and stores only v1, with a status subresource', () => {
    expect(KATA_CONFIG_CRD.spec.versions).toHaveLength(1);
    expect(version).toMatchObject({
      name: 'v1',
      served: true,
      storage: true,
      subresources: { status: {} },
    });
  });

  it('has the four printer columns of `oc get kataconfig`', () => {
    expect(version?.additionalPrinterColumns).toBe(KATA_CONFIG_PRINTER_COLUMNS);
    expect(
      KATA_CONFIG_PRINTER_COLUMNS.map(({ name, type, jsonPath }) => [name, type, jsonPath]),
    ).toEqual([
      ['InProgress', 'string', ".status.conditions[?(@.type=='InProgress')].status"],
      ['Completed', 'integer', '.status.kataNodes.readyNodeCount'],
      ['Total', 'integer', '.status.kataNodes.nodeCount'],
      ['Age', 'date', '.metadata.creationTimestamp'],
    ]);
  });

  it('returns independent copies', () => {
    const copy = kataConfigCrd();
    copy.spec.scope = 'Namespaced';
    expect(KATA_CONFIG_CRD.spec.scope).toBe('Cluster');
    expect(kataConfigCrd()).toEqual(KATA_CONFIG_CRD);
  });
});

describe('KataConfig CRD schema', () => {
  it('declares spec nullable with checkNodeEligibility required and defaulted', () => {
    expect(spec).toMatchObject({
      type: 'object',
      nullable: true,
      required: ['checkNodeEligibility'],
    });
    expect(spec?.properties?.checkNodeEligibility).toMatchObject({
      type: 'boolean',
      default: false,
    });
    expect(spec?.properties?.enablePeerPods).toMatchObject({ type: 'boolean', default: false });
    expect(spec?.properties?.logLevel).toMatchObject({ type: 'string', default: 'info' });
    expect(spec?.properties?.logLevel).not.toHaveProperty('enum');
    expect(spec?.properties?.kataConfigPoolSelector).toMatchObject({
      type: 'object',
      nullable: true,
      'x-kubernetes-map-type': 'atomic',
    });
    expect(
      spec?.properties?.kataConfigPoolSelector?.properties?.matchExpressions?.items?.required,
    ).toEqual(['key', 'operator']);
  });

  it('declares the status fields and the five required condition fields', () => {
    expect(Object.keys(status?.properties ?? {}).sort()).toEqual([
      'conditions',
      'kataNodes',
      'runtimeClasses',
      'waitingForMcoToStart',
    ]);
    expect(status?.properties?.conditions?.items?.required).toEqual([
      'lastTransitionTime',
      'message',
      'reason',
      'status',
      'type',
    ]);
    expect(status?.properties?.conditions?.items?.properties?.lastTransitionTime).toEqual({
      type: 'string',
      format: 'date-time',
    });
    expect(Object.keys(status?.properties?.kataNodes?.properties ?? {}).sort()).toEqual([
      'failedToInstall',
      'failedToUninstall',
      'installed',
      'installing',
      'nodeCount',
      'readyNodeCount',
      'uninstalling',
      'waitingToInstall',
      'waitingToUninstall',
    ]);
    expect(status?.properties?.waitingForMcoToStart).toMatchObject({
      type: 'boolean',
      default: false,
    });
  });

  it('accepts the documented full CR and fills spec defaults into an empty spec', () => {
    if (!schema) throw new Error('no schema');
    const validate = validator(schema);
    const full = {
      apiVersion: 'kataconfiguration.openshift.io/v1',
      kind: 'KataConfig',
      metadata: { name: 'example-kataconfig' },
      spec: {
        checkNodeEligibility: false,
        enablePeerPods: false,
        logLevel: 'info',
        kataConfigPoolSelector: { matchLabels: { 'custom-kata1': 'test' } },
      },
      status: {
        runtimeClasses: ['kata'],
        waitingForMcoToStart: false,
        conditions: [
          {
            type: 'InProgress',
            status: 'False',
            reason: '',
            message: '',
            lastTransitionTime: '2024-10-01T10:00:00Z',
          },
        ],
        kataNodes: { nodeCount: 2, readyNodeCount: 2, installed: ['worker-0', 'worker-1'] },
      },
    };
    expect(validate(full)).toBe(true);

    const sparse: { spec: Record<string, unknown> } = { spec: {} };
    expect(validate(sparse)).toBe(true);
    expect(sparse.spec).toEqual({
      checkNodeEligibility: false,
      enablePeerPods: false,
      logLevel: 'info',
    });
    expect(validate({ spec: null, status: {} })).toBe(true);
    expect(validate({ spec: { kataConfigPoolSelector: null } })).toBe(true);
  });

  it('rejects wrong types and incomplete conditions', () => {
    if (!schema) throw new Error('no schema');
    const validate = validator(schema);
    expect(validate({ spec: { checkNodeEligibility: 'yes' } })).toBe(false);
    expect(
      validate({ spec: { kataConfigPoolSelector: { matchExpressions: [{ key: 'a' }] } } }),
    ).toBe(false);
    expect(validate({ spec: { kataConfigPoolSelector: { matchLabels: { a: 1 } } } })).toBe(false);
    expect(validate({ status: { conditions: [{ type: 'InProgress', status: 'True' }] } })).toBe(
      false,
    );
    expect(validate({ status: { kataNodes: { nodeCount: 'two' } } })).toBe(false);
  });
});
