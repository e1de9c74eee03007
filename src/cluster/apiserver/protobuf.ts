/**
 * Decodes the protobuf request bodies kubectl 1.32+ and helm send for a few built-in kinds:
 * `k8s\0` + runtime.Unknown{typeMeta{apiVersion=1, kind=2}=1, raw=2}, `raw` holding the object in
 * the field numbering of k8s.io/api's generated.proto. Only the fields those clients send are
 * known; an unknown kind is rejected with 415 so the client can retry with JSON.
 */
import { unsupportedMediaType } from './errors';
import type { JsonObject, JsonValue } from './json';

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field =
  | { name: string; type: 'string' | 'bytes' | 'int' | 'bool' | 'time' }
  | { name: string; type: 'strings' }
  | { name: string; type: 'message'; schema: Schema; repeated?: boolean }
  | { name: string; type: 'map'; values: 'string' | 'bytes' };

type Schema = Record<number, Field>;

interface RawField {
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

const readVarint = (buf: Buffer, start: number): { value: bigint; next: number } => {
  let value = 0n;
  let shift = 0n;
  let pos = start;
  for (;;) {
    const byte = buf[pos];
    if (byte === undefined) throw new Error('truncated varint');
    pos += 1;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: pos };
    shift += 7n;
    if (shift > 70n) throw new Error('varint too long');
  }
};

/** Splits a message into its fields, in order. */
export const readFields = (buf: Buffer): [number, RawField][] => {
  const fields: [number, RawField][] = [];
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    pos = tag.next;
    const number = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n);
    if (wire === 0) {
      const v = readVarint(buf, pos);
      pos = v.next;
      fields.push([number, { wire, varint: v.value }]);
    } else if (wire === 2) {
      const len = readVarint(buf, pos);
      const end = len.next + Number(len.value);
      if (end > buf.length) throw new Error('truncated length-delimited field');
      fields.push([number, { wire, bytes: buf.subarray(len.next, end) }]);
      pos = end;
    } else if (wire === 1) {
      pos += 8;
      fields.push([number, { wire }]);
    } else if (wire === 5) {
      pos += 4;
      fields.push([number, { wire }]);
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return fields;
};

const text = (raw: RawField): string => raw.bytes?.toString('utf8') ?? '';

const toSigned = (value: bigint): number => Number(BigInt.asIntN(64, value));

const decodeTime = (buf: Buffer): string | undefined => {
  let seconds = 0;
  for (const [number, raw] of readFields(buf)) {
    if (number === 1 && raw.varint !== undefined) seconds = toSigned(raw.varint);
  }
  if (seconds === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

const decodeMapEntry = (buf: Buffer, values: 'string' | 'bytes'): [string, string] => {
  let key = '';
  let value = '';
  for (const [number, raw] of readFields(buf)) {
    if (number === 1) key = text(raw);
    if (number === 2)
      value = values === 'bytes' ? (raw.bytes ?? Buffer.alloc(0)).toString('base64') : text(raw);
  }
  return [key, value];
};

export const decodeMessage = (buf: Buffer, schema: Schema): JsonObject => {
  const out: JsonObject = {};
  for (const [number, raw] of readFields(buf)) {
    const field = schema[number];
    if (!field) continue;
    // Go zero values are omitted, as in the JSON encoding (omitempty).
    switch (field.type) {
      case 'string':
        if (text(raw) !== '') out[field.name] = text(raw);
        break;
      case 'bytes':
        out[field.name] = (raw.bytes ?? Buffer.alloc(0)).toString('base64');
        break;
      case 'int':
        if (raw.varint) out[field.name] = toSigned(raw.varint);
        break;
      case 'bool':
        if (raw.varint) out[field.name] = true;
        break;
      case 'time': {
        const time = decodeTime(raw.bytes ?? Buffer.alloc(0));
        if (time !== undefined) out[field.name] = time;
        break;
      }
      case 'strings': {
        const list = out[field.name];
        out[field.name] = [...(Array.isArray(list) ? list : []), text(raw)];
        break;
      }
      case 'message': {
        const value = decodeMessage(raw.bytes ?? Buffer.alloc(0), field.schema);
        if (field.repeated) {
          const list = out[field.name];
          out[field.name] = [...(Array.isArray(list) ? list : []), value];
        } else {
          out[field.name] = value;
        }
        break;
      }
      case 'map': {
        const [key, value] = decodeMapEntry(raw.bytes ?? Buffer.alloc(0), field.values);
        const existing = out[field.name];
        const map: JsonObject =
          typeof existing === 'object' && existing !== null && !Array.isArray(existing)
            ? existing
            : {};
        map[key] = value;
        out[field.name] = map;
        break;
      }
    }
  }
  return out;
};

const OWNER_REFERENCE: Schema = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
};

const OBJECT_META: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: 'time' },
  9: { name: 'deletionTimestamp', type: 'time' },
  10: { name: 'deletionGracePeriodSeconds', type: 'int' },
  11: { name: 'labels', type: 'map', values: 'string' },
  12: { name: 'annotations', type: 'map', values: 'string' },
  13: { name: 'ownerReferences', type: 'message', schema: OWNER_REFERENCE, repeated: true },
  14: { name: 'finalizers', type: 'strings' },
};

const metadata: Field = { name: 'metadata', type: 'message', schema: OBJECT_META };

const RESOURCE_ATTRIBUTES: Schema = {
  1: { name: 'namespace', type: 'string' },
  2: { name: 'verb', type: 'string' },
  3: { name: 'group', type: 'string' },
  4: { name: 'version', type: 'string' },
  5: { name: 'resource', type: 'string' },
  6: { name: 'subresource', type: 'string' },
  7: { name: 'name', type: 'string' },
};

const NON_RESOURCE_ATTRIBUTES: Schema = {
  1: { name: 'path', type: 'string' },
  2: { name: 'verb', type: 'string' },
};

/** Message schemas by kind. */
export const KIND_SCHEMAS: Record<string, Schema> = {
  Secret: {
    1: metadata,
    2: { name: 'data', type: 'map', values: 'bytes' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'map', values: 'string' },
    5: { name: 'immutable', type: 'bool' },
  },
  ConfigMap: {
    1: metadata,
    2: { name: 'data', type: 'map', values: 'string' },
    3: { name: 'binaryData', type: 'map', values: 'bytes' },
    4: { name: 'immutable', type: 'bool' },
  },
  Namespace: {
    1: metadata,
    2: { name: 'spec', type: 'message', schema: { 1: { name: 'finalizers', type: 'strings' } } },
    3: { name: 'status', type: 'message', schema: { 1: { name: 'phase', type: 'string' } } },
  },
  SelfSubjectAccessReview: {
    1: metadata,
    2: {
      name: 'spec',
      type: 'message',
      schema: {
        1: { name: 'resourceAttributes', type: 'message', schema: RESOURCE_ATTRIBUTES },
        2: { name: 'nonResourceAttributes', type: 'message', schema: NON_RESOURCE_ATTRIBUTES },
      },
    },
  },
  SelfSubjectReview: { 1: metadata },
  DeleteOptions: {
    1: { name: 'gracePeriodSeconds', type: 'int' },
    2: {
      name: 'preconditions',
      type: 'message',
      schema: {
        1: { name: 'uid', type: 'string' },
        2: { name: 'resourceVersion', type: 'string' },
      },
    },
    3: { name: 'orphanDependents', type: 'bool' },
    4: { name: 'propagationPolicy', type: 'string' },
    5: { name: 'dryRun', type: 'strings' },
  },
};

/** Decodes a `application/vnd.kubernetes.protobuf` body into the JSON object it stands for. */
export const decodeProtobufBody = (body: Buffer): JsonObject => {
  if (body.length < 4 || !body.subarray(0, 4).equals(PROTOBUF_MAGIC)) {
    throw unsupportedMediaType('application/vnd.kubernetes.protobuf without the k8s magic prefix');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  try {
    for (const [number, field] of readFields(body.subarray(4))) {
      if (number === 1 && field.bytes) {
        for (const [n, f] of readFields(field.bytes)) {
          if (n === 1) apiVersion = text(f);
          if (n === 2) kind = text(f);
        }
      }
      if (number === 2 && field.bytes) raw = field.bytes;
    }
  } catch (error) {
    throw unsupportedMediaType(`malformed protobuf: ${(error as Error).message}`);
  }
  const schema = KIND_SCHEMAS[kind];
  if (!schema) throw unsupportedMediaType(`application/vnd.kubernetes.protobuf for kind ${kind}`);
  let decoded: JsonObject;
  try {
    decoded = decodeMessage(raw, schema);
  } catch (error) {
    throw unsupportedMediaType(`malformed protobuf: ${(error as Error).message}`);
  }
  const result: Record<string, JsonValue> = { apiVersion, kind, ...decoded };
  return result;
};
