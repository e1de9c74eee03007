/**
 * A minimal OpenAPI v3: the index and one document per group-version. Each resource has a PATCH
 * operation carrying `x-kubernetes-group-version-kind` and a `fieldValidation` parameter, which
 * is what tells kubectl to leave field validation to the server (`--validate=strict`). Custom
 * resources also get their schema as a component.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from './json';
import type { Registry, ResourceType } from './registry';

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

const gvPath = (group: string, version: string): string =>
  group ? `apis/${group}/${version}` : `api/${version}`;

const schemaName = (type: ResourceType): string => {
  const reversed = type.group ? type.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${reversed}.${type.version}.${type.kind}`;
};

const operation = (type: ResourceType, action: string, parameters: string[]): JsonObject => ({
  operationId: `${action}${type.kind}`,
  'x-kubernetes-action': action,
  'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind },
  parameters: parameters.map((name) => ({
    name,
    in: 'query',
    schema: { type: 'string', uniqueItems: true },
  })),
  responses: {
    '200': {
      description: 'OK',
      content: {
        'application/json': {
          schema: type.schema
            ? { $ref: `#/components/schemas/${schemaName(type)}` }
            : { type: 'object' },
        },
      },
    },
  },
});

export const openApiDocument = (registry: Registry, path: string): JsonObject | undefined => {
  const types = registry.all().filter((t) => gvPath(t.group, t.version) === path && !t.virtual);
  if (types.length === 0) return undefined;
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  for (const type of types) {
    const base = `/${path}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
    paths[base] = {
      get: operation(type, 'list', [
        'labelSelector',
        'fieldSelector',
        'limit',
        'continue',
        'watch',
      ]),
      post: operation(type, 'post', QUERY_PARAMETERS),
    };
    const item: JsonObject = {
      get: operation(type, 'get', []),
      put: operation(type, 'put', QUERY_PARAMETERS),
      patch: operation(type, 'patch', QUERY_PARAMETERS),
      delete: operation(type, 'delete', ['dryRun', 'propagationPolicy']),
    };
    paths[`${base}/{name}`] = item;
    if (type.status) {
      paths[`${base}/{name}/status`] = {
        get: operation(type, 'get', []),
        put: operation(type, 'put', QUERY_PARAMETERS),
        patch: operation(type, 'patch', QUERY_PARAMETERS),
      };
    }
    // Built-in kinds get no component schema: kubectl then takes strategic-merge metadata from
    // its compiled-in types, which match what this server implements.
    if (type.schema) {
      const gvk: JsonValue = [{ group: type.group, version: type.version, kind: type.kind }];
      schemas[schemaName(type)] = { ...type.schema, 'x-kubernetes-group-version-kind': gvk };
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas },
  };
};

export const openApiIndex = (registry: Registry): JsonObject => {
  const paths: JsonObject = {};
  for (const { group, versions } of registry.groupVersions()) {
    for (const version of versions) {
      const path = gvPath(group, version);
      const doc = openApiDocument(registry, path);
      if (!doc) continue;
      const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
  }
  return { paths };
};
