/**
 * The three patch formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and Kubernetes'
 * strategic merge patch with the merge keys and directives of the built-in kinds.
 */
import { ApiError } from './errors';
import type { JsonObject, JsonValue } from './json';
import { clone, deepEqual, isObject, removeKey } from './json';

const patchError = (message: string): ApiError => new ApiError(422, 'Invalid', message);

export const mergePatch = (target: JsonValue | undefined, patch: JsonValue): JsonValue => {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) removeKey(result, key);
    else result[key] = mergePatch(result[key], value);
  }
  return result;
};

const unescapePointer = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

const parsePointer = (pointer: string): string[] => {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map(unescapePointer);
};

const arrayIndex = (token: string, length: number, forAdd: boolean): number => {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token))
    throw patchError(`invalid array index ${JSON.stringify(token)}`);
  const index = Number(token);
  if (index > length || (!forAdd && index === length)) {
    throw patchError(`array index ${index} out of bounds`);
  }
  return index;
};

const getAt = (doc: JsonValue, path: string[]): JsonValue => {
  let current: JsonValue = doc;
  for (const token of path) {
    if (Array.isArray(current)) {
      const item: JsonValue | undefined = current[arrayIndex(token, current.length, false)];
      if (item === undefined) throw patchError(`path /${path.join('/')} does not exist`);
      current = item;
    } else if (isObject(current) && Object.hasOwn(current, token)) {
      current = current[token] as JsonValue;
    } else {
      throw patchError(`doc is missing path: "/${path.join('/')}"`);
    }
  }
  return current;
};

const parentOf = (doc: JsonValue, path: string[]): { parent: JsonValue; last: string } => {
  const last = path[path.length - 1];
  if (last === undefined) throw patchError('the root cannot be the target of this operation');
  return { parent: getAt(doc, path.slice(0, -1)), last };
};

const addAt = (doc: JsonValue, path: string[], value: JsonValue): JsonValue => {
  if (path.length === 0) return value;
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw patchError(`doc is missing path: "/${path.join('/')}"`);
  return doc;
};

const removeAt = (doc: JsonValue, path: string[]): JsonValue => {
  const { parent, last } = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, last)) removeKey(parent, last);
  else throw patchError(`unable to remove nonexistent key: ${last}`);
  return doc;
};

export const jsonPatch = (target: JsonValue, operations: JsonValue): JsonValue => {
  if (!Array.isArray(operations))
    throw new ApiError(400, 'BadRequest', 'a JSON patch must be a list of operations');
  let doc = clone(target);
  for (const operation of operations) {
    if (
      !isObject(operation) ||
      typeof operation.op !== 'string' ||
      typeof operation.path !== 'string'
    ) {
      throw patchError('each JSON patch operation needs "op" and "path"');
    }
    const path = parsePointer(operation.path);
    const value = operation.value;
    const from = typeof operation.from === 'string' ? parsePointer(operation.from) : undefined;
    switch (operation.op) {
      case 'add':
        if (value === undefined) throw patchError('"add" needs a value');
        doc = addAt(doc, path, clone(value));
        break;
      case 'remove':
        doc = removeAt(doc, path);
        break;
      case 'replace':
        if (value === undefined) throw patchError('"replace" needs a value');
        getAt(doc, path);
        doc = path.length === 0 ? clone(value) : addAt(removeAt(doc, path), path, clone(value));
        break;
      case 'move': {
        if (!from) throw patchError('"move" needs "from"');
        const moved = getAt(doc, from);
        doc = addAt(removeAt(doc, from), path, moved);
        break;
      }
      case 'copy':
        if (!from) throw patchError('"copy" needs "from"');
        doc = addAt(doc, path, clone(getAt(doc, from)));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, path), value)) {
          throw patchError(`testing value /${path.join('/')} failed`);
        }
        break;
      default:
        throw patchError(`unexpected JSON patch operation ${JSON.stringify(operation.op)}`);
    }
  }
  return doc;
};

/**
 * The merge key of a list field in the built-in kinds (patchMergeKey in the Go types), or
 * undefined for atomic lists, which a strategic merge patch replaces. `primitive` lists (finalizers)
 * merge as sets.
 */
export const mergeKeyFor = (field: string, sample: JsonValue | undefined): string | undefined => {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'hostAliases':
      return field === 'hostAliases' ? 'ip' : 'name';
    case 'ports':
      return isObject(sample) && 'containerPort' in sample ? 'containerPort' : 'port';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'taints':
      return 'key';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    default:
      return undefined;
  }
};

const PRIMITIVE_SET_FIELDS = new Set(['finalizers']);

const keyValue = (item: JsonValue, key: string): JsonValue | undefined =>
  isObject(item) ? item[key] : undefined;

const mergeKeyedList = (original: JsonValue[], patch: JsonValue[], key: string): JsonValue[] => {
  const result = original.map((item) => clone(item));
  for (const patchItem of patch) {
    if (!isObject(patchItem)) continue;
    const wanted = patchItem[key];
    const index = result.findIndex((item) => deepEqual(keyValue(item, key), wanted));
    const directive = patchItem.$patch;
    if (directive === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (directive === 'replace') {
      const replacement = clone(patchItem);
      delete replacement.$patch;
      if (index >= 0) result[index] = replacement;
      else result.push(replacement);
      continue;
    }
    if (index >= 0) result[index] = strategicMerge(result[index], patchItem);
    else result.push(strategicMerge(undefined, patchItem));
  }
  return result;
};

const orderBy = (list: JsonValue[], order: JsonValue, key: string | undefined): JsonValue[] => {
  if (!Array.isArray(order)) return list;
  const position = (item: JsonValue): number => {
    const index = order.findIndex((o) =>
      key === undefined ? deepEqual(o, item) : deepEqual(keyValue(o, key), keyValue(item, key)),
    );
    return index < 0 ? order.length : index;
  };
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => position(a.item) - position(b.item) || a.i - b.i)
    .map(({ item }) => item);
};

/**
 * Applies a strategic merge patch. Objects merge recursively (`null` deletes a key, `$patch:
 * replace` replaces, `$retainKeys` keeps only the named keys); lists with a merge key merge item by
 * item (`$patch: delete` removes one); `$setElementOrder/<list>` orders the result;
 * `$deleteFromPrimitiveList/<list>` removes values; other lists are replaced.
 */
export const strategicMerge = (original: JsonValue | undefined, patch: JsonValue): JsonValue => {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const replaced = clone(patch);
    delete replaced.$patch;
    return stripDirectives(replaced);
  }
  if (patch.$patch === 'delete') return {};
  const result: JsonObject = isObject(original) ? clone(original) : {};
  const orders: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (key === '$retainKeys') {
      if (Array.isArray(value)) {
        for (const existing of Object.keys(result)) {
          if (!value.includes(existing) && !Object.hasOwn(patch, existing))
            removeKey(result, existing);
        }
      }
      continue;
    }
    if (key.startsWith('$setElementOrder/')) {
      orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const listName = key.slice('$deleteFromPrimitiveList/'.length);
      const list = result[listName];
      if (Array.isArray(list) && Array.isArray(value)) {
        result[listName] = list.filter((item) => !value.some((v) => deepEqual(v, item)));
      }
      continue;
    }
    if (value === null) {
      removeKey(result, key);
      continue;
    }
    const existing = result[key];
    if (Array.isArray(value)) {
      const mergeKey = mergeKeyFor(
        key,
        value[0] ?? (Array.isArray(existing) ? existing[0] : undefined),
      );
      if (mergeKey && Array.isArray(existing)) {
        result[key] = mergeKeyedList(existing, value, mergeKey);
      } else if (mergeKey) {
        result[key] = mergeKeyedList([], value, mergeKey);
      } else if (PRIMITIVE_SET_FIELDS.has(key) && Array.isArray(existing)) {
        result[key] = [...existing, ...value.filter((v) => !existing.some((e) => deepEqual(e, v)))];
      } else {
        result[key] = stripDirectives(clone(value));
      }
      continue;
    }
    result[key] = isObject(value) ? strategicMerge(existing, value) : clone(value);
  }
  for (const [listName, order] of orders) {
    const list = result[listName];
    if (Array.isArray(list)) {
      result[listName] = orderBy(list, order, mergeKeyFor(listName, list[0]));
    }
  }
  return result;
};

const stripDirectives = <T extends JsonValue>(value: T): T => {
  if (Array.isArray(value)) return value.map((v) => stripDirectives(v)) as T;
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    result[key] = stripDirectives(v);
  }
  return result as T;
};
