/** JSON values as they travel through the emulator, and small helpers to handle them safely. */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const clone = <T extends JsonValue>(value: T): T => structuredClone(value);

export const deepEqual = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
};

/** The object at `obj[key]`, created when missing or not an object. */
export const child = (obj: JsonObject, key: string): JsonObject => {
  const existing = obj[key];
  if (isObject(existing)) return existing;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
};

export const str = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const objectAt = (value: JsonValue | undefined): JsonObject | undefined =>
  isObject(value) ? value : undefined;

export const metadataOf = (obj: JsonObject): JsonObject => child(obj, 'metadata');

export const stringListAt = (value: JsonValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Kubernetes timestamps have second precision: `2026-01-02T03:04:05Z`. */
export const nowTimestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const parseJson = (text: string): JsonValue => JSON.parse(text) as JsonValue;

/** Deletes a key chosen at runtime (JSON documents are dictionaries). */
export const removeKey = (obj: JsonObject, key: string): void => {
  Reflect.deleteProperty(obj, key);
};
