/**
 * What kube-apiserver does with a custom resource's structural schema: prune unknown fields
 * (unless `x-kubernetes-preserve-unknown-fields`), drop nulls that are not `nullable`, apply
 * `default`s, and validate types, `required`, `enum`, bounds and patterns.
 */
import type { StatusCause } from './errors';
import type { JsonObject, JsonValue } from './json';
import { clone, isObject, removeKey } from './json';

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

const propertiesOf = (schema: JsonObject): JsonObject | undefined =>
  isObject(schema.properties) ? schema.properties : undefined;

const preservesUnknown = (schema: JsonObject): boolean =>
  schema['x-kubernetes-preserve-unknown-fields'] === true;

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Removes unknown fields in place; returns the paths removed (for strict field validation). */
export const prune = (value: JsonValue, schema: JsonObject, path = '', root = true): string[] => {
  const removed: string[] = [];
  if (Array.isArray(value)) {
    const items = schema.items;
    if (isObject(items))
      value.forEach((item, i) => removed.push(...prune(item, items, `${path}[${i}]`, false)));
    return removed;
  }
  if (!isObject(value) || schema['x-kubernetes-int-or-string'] === true) return removed;
  const properties = propertiesOf(schema);
  const additional = schema.additionalProperties;
  for (const key of Object.keys(value)) {
    if (root && ROOT_FIELDS.has(key)) continue;
    if (!root && schema['x-kubernetes-embedded-resource'] === true && ROOT_FIELDS.has(key))
      continue;
    const child = value[key] as JsonValue;
    const childSchema =
      properties && isObject(properties[key])
        ? properties[key]
        : isObject(additional)
          ? additional
          : undefined;
    if (childSchema) {
      if (child === null && childSchema.nullable !== true) {
        removeKey(value, key);
        continue;
      }
      removed.push(...prune(child, childSchema, join(path, key), false));
    } else if (!preservesUnknown(schema) && additional !== true) {
      removeKey(value, key);
      removed.push(join(path, key));
    }
  }
  return removed;
};

/** Fills in `default`s in place, for objects that are present. */
export const applyDefaults = (value: JsonValue, schema: JsonObject): void => {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (isObject(items)) {
      for (const item of value) applyDefaults(item, items);
    }
    return;
  }
  if (!isObject(value)) return;
  const properties = propertiesOf(schema);
  if (properties) {
    for (const [key, childSchema] of Object.entries(properties)) {
      if (!isObject(childSchema)) continue;
      if (value[key] === undefined && childSchema.default !== undefined) {
        value[key] = clone(childSchema.default);
      }
      const child = value[key];
      if (child !== undefined) applyDefaults(child, childSchema);
    }
  }
  const additional = schema.additionalProperties;
  if (isObject(additional)) {
    for (const [key, child] of Object.entries(value)) {
      if (!properties?.[key]) applyDefaults(child, additional);
    }
  }
};

const typeOf = (value: JsonValue): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const typeMatches = (value: JsonValue, type: string): boolean => {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
};

const show = (value: JsonValue): string => JSON.stringify(value);

/** Validates against the schema; the causes are Kubernetes-style (field path, message). */
export const validate = (value: JsonValue, schema: JsonObject, path = ''): StatusCause[] => {
  const causes: StatusCause[] = [];
  const field = path || '<root>';
  const invalid = (message: string): void => {
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${show(value)}: ${message}`,
    });
  };
  if (value === null) {
    if (schema.nullable !== true && path !== '')
      invalid(
        `${field} in body must be of type ${typeof schema.type === 'string' ? schema.type : 'object'}: "null"`,
      );
    return causes;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (!typeMatches(value, 'integer') && !typeMatches(value, 'string')) {
      invalid(`${field} in body must be of type integer or string: "${typeOf(value)}"`);
    }
    return causes;
  }
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (type && !typeMatches(value, type)) {
    invalid(`${field} in body must be of type ${type}: "${typeOf(value)}"`);
    return causes;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
    causes.push({
      type: 'FieldValueNotSupported',
      field,
      message: `Unsupported value: ${show(value)}: supported values: ${schema.enum.map(show).join(', ')}`,
    });
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      invalid(`${field} in body should be greater than or equal to ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      invalid(`${field} in body should be less than or equal to ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      invalid(`${field} in body may not be longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      invalid(`${field} in body should be at least ${schema.minLength} chars long`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      invalid(`${field} in body should match '${schema.pattern}'`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      invalid(`${field} in body must have at most ${schema.maxItems} items`);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      invalid(`${field} in body should have at least ${schema.minItems} items`);
    const items = schema.items;
    if (isObject(items))
      value.forEach((item, i) => causes.push(...validate(item, items, `${path}[${i}]`)));
  }
  if (isObject(value)) {
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) {
        if (typeof key === 'string' && value[key] === undefined) {
          causes.push({
            type: 'FieldValueRequired',
            field: join(path, key),
            message: 'Required value',
          });
        }
      }
    }
    const properties = propertiesOf(schema);
    const additional = schema.additionalProperties;
    for (const [key, child] of Object.entries(value)) {
      if (path === '' && ROOT_FIELDS.has(key)) continue;
      const childSchema = properties?.[key] ?? (isObject(additional) ? additional : undefined);
      if (isObject(childSchema)) causes.push(...validate(child, childSchema, join(path, key)));
    }
  }
  return causes;
};
