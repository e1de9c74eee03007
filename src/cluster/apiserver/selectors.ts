/** Label and field selectors as they arrive in query strings (`a=b,c in (d,e),!f`). */
import type { LabelSelectorRequirement } from '../../shared/k8s/types';
import { compileLabelSelector } from '../../shared/k8s/labelSelector';
import { badRequest } from './errors';
import type { JsonObject, JsonValue } from './json';
import { isObject } from './json';

export type ObjectMatcher = (obj: JsonObject) => boolean;

/** Splits on commas that are not inside parentheses. */
const splitTopLevel = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

const SET_PATTERN = /^([^\s!=()]+)\s+(in|notin)\s*\(([^()]*)\)$/;
const EQUALITY_PATTERN = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/;
const EXISTS_PATTERN = /^(!?)\s*([^\s!=()]+)$/;

/** Parses a label selector string into requirements; throws a 400 Status when malformed. */
export const parseLabelSelector = (text: string): LabelSelectorRequirement[] =>
  splitTopLevel(text).map((part): LabelSelectorRequirement => {
    const set = SET_PATTERN.exec(part);
    if (set) {
      const [, key = '', op, values = ''] = set;
      return {
        key,
        operator: op === 'in' ? 'In' : 'NotIn',
        values: values
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      };
    }
    const equality = EQUALITY_PATTERN.exec(part);
    if (equality) {
      const [, key = '', op, value = ''] = equality;
      return { key, operator: op === '!=' ? 'NotIn' : 'In', values: [value] };
    }
    const exists = EXISTS_PATTERN.exec(part);
    if (exists) {
      const [, bang, key = ''] = exists;
      return { key, operator: bang ? 'DoesNotExist' : 'Exists' };
    }
    throw badRequest(`unable to parse requirement: ${JSON.stringify(part)}`);
  });

const labelsOf = (obj: JsonObject): Record<string, string> => {
  const metadata = obj.metadata;
  const labels = isObject(metadata) ? metadata.labels : undefined;
  if (!isObject(labels)) return {};
  return Object.fromEntries(
    Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
};

export const labelMatcher = (text: string | null | undefined): ObjectMatcher => {
  if (!text?.trim()) return () => true;
  const compiled = compileLabelSelector(
    { matchExpressions: parseLabelSelector(text) },
    'matchesNothing',
  );
  const [first] = compiled.errors;
  if (first) {
    throw badRequest(
      `unable to parse requirement: invalid label selector ${JSON.stringify(text)} (${first.path}: ${first.code})`,
    );
  }
  return (obj) => compiled.matches(labelsOf(obj));
};

/** Field selector keys each kind supports beyond metadata.name and metadata.namespace. */
const FIELD_KEYS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export const fieldValue = (obj: JsonObject, path: string): string => {
  let current: JsonValue | undefined = obj;
  for (const segment of path.split('.')) {
    current = isObject(current) ? current[segment] : undefined;
  }
  if (path === 'source' && current === undefined) {
    const source = obj.source;
    current = isObject(source) ? source.component : undefined;
  }
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') return String(current);
  return '';
};

interface FieldRequirement {
  path: string;
  equals: boolean;
  value: string;
}

const FIELD_PATTERN = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/;

export const parseFieldSelector = (text: string, kind: string): FieldRequirement[] =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((part) => {
      const match = FIELD_PATTERN.exec(part);
      if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const [, path = '', op, value = ''] = match;
      const supported = ['metadata.name', 'metadata.namespace', ...(FIELD_KEYS[kind] ?? [])];
      if (!supported.includes(path)) {
        throw badRequest(`field label not supported: ${path}`);
      }
      return { path, equals: op !== '!=', value };
    });

export const fieldMatcher = (text: string | null | undefined, kind: string): ObjectMatcher => {
  if (!text?.trim()) return () => true;
  const requirements = parseFieldSelector(text, kind);
  return (obj) =>
    requirements.every(({ path, equals, value }) => (fieldValue(obj, path) === value) === equals);
};
