/**
 * The KataConfig CustomResourceDefinition, equal in schema, printer columns, scope and
 * subresources to the one the OSC operator installs (controller-gen output, operator 1.5.1+).
 * The Helm chart and the local cluster both install exactly this object.
 */
import type { K8sObject } from '../k8s/types';
import {
  IN_PROGRESS_CONDITION_TYPE,
  KATA_CONFIG_CRD_NAME,
  KATA_CONFIG_GROUP,
  KATA_CONFIG_KIND,
  KATA_CONFIG_LIST_KIND,
  KATA_CONFIG_PLURAL,
  KATA_CONFIG_SINGULAR,
  KATA_CONFIG_SPEC_DEFAULTS,
  KATA_CONFIG_VERSION,
} from './constants';

export interface JsonSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'number';
  format?: string;
  description?: string;
  nullable?: boolean;
  default?: boolean | string | number;
  required?: string[];
  properties?: Record<string, JsonSchemaProps>;
  additionalProperties?: JsonSchemaProps;
  items?: JsonSchemaProps;
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

export interface CustomResourceColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  schema: { openAPIV3Schema: JsonSchemaProps };
}

export interface CustomResourceDefinition extends K8sObject {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string };
    scope: 'Cluster' | 'Namespaced';
    versions: CustomResourceDefinitionVersion[];
  };
}

const stringList: JsonSchemaProps = { type: 'array', items: { type: 'string' } };

const labelSelectorSchema: JsonSchemaProps = {
  description:
    'KataConfigPoolSelector is used to filter the worker nodes\nif not specified, all worker nodes are selected',
  type: 'object',
  nullable: true,
  'x-kubernetes-map-type': 'atomic',
  properties: {
    matchExpressions: {
      description:
        'matchExpressions is a list of label selector requirements. The requirements are ANDed.',
      type: 'array',
      items: {
        description:
          'A label selector requirement is a selector that contains values, a key, and an operator that\nrelates the key and values.',
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: {
            description: 'key is the label key that the selector applies to.',
            type: 'string',
          },
          operator: {
            description:
              "operator represents a key's relationship to a set of values.\nValid operators are In, NotIn, Exists and DoesNotExist.",
            type: 'string',
          },
          values: {
            description:
              'values is an array of string values. If the operator is In or NotIn,\nthe values array must be non-empty. If the operator is Exists or DoesNotExist,\nthe values array must be empty. This array is replaced during a strategic\nmerge patch.',
            ...stringList,
          },
        },
      },
    },
    matchLabels: {
      description:
        'matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels\nmap is equivalent to an element of matchExpressions, whose key field is "key", the\noperator is "In", and the values array contains only "value". The requirements are ANDed.',
      type: 'object',
      additionalProperties: { type: 'string' },
    },
  },
};

const specSchema: JsonSchemaProps = {
  description: 'KataConfigSpec defines the desired state of KataConfig',
  type: 'object',
  nullable: true,
  // Listed as required by controller-gen; the default makes an empty spec valid.
  required: ['checkNodeEligibility'],
  properties: {
    checkNodeEligibility: {
      description:
        'CheckNodeEligibility is used to detect the node(s) eligibility to run Kata containers.\nThis is currently done through the use of the Node Feature Discovery Operator (NFD).\nFor more information on how the check works, please refer to the sandboxed containers documentation - https://docs.redhat.com/en/documentation/openshift_sandboxed_containers/1.6/html-single/user_guide/index#about-node-eligibility-checks_about-osc',
      type: 'boolean',
      default: KATA_CONFIG_SPEC_DEFAULTS.checkNodeEligibility,
    },
    enablePeerPods: {
      description:
        'EnablePeerPods is used to transparently create pods on a remote system.\nFor more information on how this works, please refer to the sandboxed containers documentation - https://docs.redhat.com/en/documentation/openshift_sandboxed_containers/1.6/html/user_guide/deploying-public-cloud#deploying-public-cloud',
      type: 'boolean',
      default: KATA_CONFIG_SPEC_DEFAULTS.enablePeerPods,
    },
    kataConfigPoolSelector: labelSelectorSchema,
    logLevel: {
      description:
        'Sets log level on kata-equipped nodes.  Valid values are the same as for `crio --log-level`.',
      type: 'string',
      default: KATA_CONFIG_SPEC_DEFAULTS.logLevel,
    },
  },
};

const statusSchema: JsonSchemaProps = {
  description: 'KataConfigStatus defines the observed state of KataConfig',
  type: 'object',
  properties: {
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
        properties: {
          lastTransitionTime: { type: 'string', format: 'date-time' },
          message: { type: 'string' },
          reason: { type: 'string' },
          status: { type: 'string' },
          type: { type: 'string' },
        },
      },
    },
    kataNodes: {
      type: 'object',
      properties: {
        failedToInstall: stringList,
        failedToUninstall: stringList,
        installed: stringList,
        installing: stringList,
        nodeCount: {
          description:
            'Number of cluster nodes that have kata installed on them including\nthose queued for installation and currently installing, though\nexcluding nodes that have a kata installation but are queued for\nuninstallation or currently uninstalling.',
          type: 'integer',
        },
        readyNodeCount: {
          description:
            'Number of cluster nodes that have kata installed on them and are\ncurrently ready to run kata workloads.',
          type: 'integer',
        },
        uninstalling: stringList,
        waitingToInstall: stringList,
        waitingToUninstall: stringList,
      },
    },
    runtimeClasses: {
      description: 'RuntimeClasses is the names of the RuntimeClasses created by this controller',
      ...stringList,
    },
    waitingForMcoToStart: {
      description: 'Used internally to persist state between reconciliations',
      type: 'boolean',
      default: false,
    },
  },
};

/** Printer columns `oc get kataconfig` shows (operator 1.5+). */
export const KATA_CONFIG_PRINTER_COLUMNS: CustomResourceColumnDefinition[] = [
  {
    name: 'InProgress',
    type: 'string',
    jsonPath: `.status.conditions[?(@.type=='${IN_PROGRESS_CONDITION_TYPE}')].status`,
    description: 'Status of Kata runtime installation',
  },
  {
    name: 'Completed',
    type: 'integer',
    jsonPath: '.status.kataNodes.readyNodeCount',
    description: 'Number of nodes with Kata runtime installed',
  },
  {
    name: 'Total',
    type: 'integer',
    jsonPath: '.status.kataNodes.nodeCount',
    description: 'Total number of nodes',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'Age of the KataConfig Custom Resource',
  },
];

export const KATA_CONFIG_CRD: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: KATA_CONFIG_CRD_NAME,
    annotations: { 'controller-gen.kubebuilder.io/version': 'v0.14.0' },
  },
  spec: {
    group: KATA_CONFIG_GROUP,
    names: {
      kind: KATA_CONFIG_KIND,
      listKind: KATA_CONFIG_LIST_KIND,
      plural: KATA_CONFIG_PLURAL,
      singular: KATA_CONFIG_SINGULAR,
    },
    scope: 'Cluster',
    versions: [
      {
        name: KATA_CONFIG_VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: KATA_CONFIG_PRINTER_COLUMNS,
        schema: {
          openAPIV3Schema: {
            description: 'KataConfig is the Schema for the kataconfigs API',
            type: 'object',
            properties: {
              apiVersion: {
                description:
                  'APIVersion defines the versioned schema of this representation of an object.\nServers should convert recognized schemas to the latest internal value, and\nmay reject unrecognized values.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
                type: 'string',
              },
              kind: {
                description:
                  'Kind is a string value representing the REST resource this object represents.\nServers may infer this from the endpoint the client submits requests to.\nCannot be updated.\nIn CamelCase.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
                type: 'string',
              },
              metadata: { type: 'object' },
              spec: specSchema,
              status: statusSchema,
            },
          },
        },
      },
    ],
  },
};

/** A deep copy, so a caller that mutates its CRD (e.g. adds labels) cannot change the contract. */
export const kataConfigCrd = (): CustomResourceDefinition =>
  JSON.parse(JSON.stringify(KATA_CONFIG_CRD)) as CustomResourceDefinition;
