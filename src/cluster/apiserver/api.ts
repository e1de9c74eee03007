/**
 * Kubernetes REST semantics over the store: create, get, list, update, patch, delete, watch,
 * with resourceVersion concurrency, generation, status subresource rules, finalizers, garbage
 * collection, namespace and CRD cleanup, and custom resource schemas.
 */
import { randomUUID } from 'node:crypto';
import { load as loadYaml } from 'js-yaml';
import { admitCreate } from './admission';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  gone,
  invalid,
  notFound,
  unsupportedMediaType,
} from './errors';
import type { JsonObject, JsonValue } from './json';
import {
  child,
  clone,
  deepEqual,
  isObject,
  metadataOf,
  nowTimestamp,
  objectAt,
  removeKey,
  str,
  stringListAt,
} from './json';
import { jsonPatch, mergeKeyFor, mergePatch, strategicMerge } from './patch';
import type { Registry, ResourceType } from './registry';
import { apiVersionOf, groupResource, typesFromCrd } from './registry';
import { applyDefaults, prune, validate } from './schema';
import { fieldMatcher, labelMatcher } from './selectors';
import type { Store, StoreEvent } from './store';
import { nameOf, namespaceOf, uidOf } from './store';

export interface User {
  name: string;
  groups: string[];
  /** May only get, list and watch (and ask what it may do). */
  readOnly: boolean;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  force?: boolean;
}

export interface WriteResult {
  object: JsonObject;
  /** 201 for creations, 200 otherwise. */
  created: boolean;
  warnings: string[];
}

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continueToken?: string | null;
}

export interface ListResult {
  items: JsonObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

export interface WatchOptions {
  resourceVersion?: string | null;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: JsonObject;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

const CRD_GR = 'apiextensions.k8s.io/customresourcedefinitions';
const NAMESPACE_GR = '/namespaces';
const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** Kinds whose create keeps the status the client sent (the kubelet registers nodes that way). */
const KEEP_STATUS_ON_CREATE = new Set(['Node', 'Event']);

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = (): string =>
  Array.from({ length: 5 }, () => NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)]).join(
    '',
  );

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const nameProblem = (type: ResourceType, name: string): string | undefined => {
  if (type.group === 'rbac.authorization.k8s.io') {
    return name.includes('/') || name.includes('%') || name === '.' || name === '..'
      ? 'may not contain "/" or "%"'
      : undefined;
  }
  if (type.kind === 'Namespace' || type.kind === 'Service') {
    return name.length <= 63 && DNS_LABEL.test(name)
      ? undefined
      : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
    ? undefined
    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
};

/** Everything but metadata and status: what a change to bumps metadata.generation. */
const specPart = (obj: JsonObject): JsonObject => {
  const rest = { ...obj };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
};

const finalizersOf = (obj: JsonObject): string[] =>
  stringListAt(objectAt(obj.metadata)?.finalizers);

const setFinalizers = (obj: JsonObject, finalizers: string[]): void => {
  const metadata = metadataOf(obj);
  if (finalizers.length > 0) metadata.finalizers = finalizers;
  else delete metadata.finalizers;
};

const isDeleting = (obj: JsonObject): boolean =>
  typeof objectAt(obj.metadata)?.deletionTimestamp === 'string';

const ownerUids = (obj: JsonObject): string[] => {
  const refs = objectAt(obj.metadata)?.ownerReferences;
  return Array.isArray(refs)
    ? refs.filter(isObject).flatMap((ref) => (typeof ref.uid === 'string' ? [ref.uid] : []))
    : [];
};

/** Removes from `target` what `previous` applied and `next` no longer does (SSA ownership). */
const removeDropped = (target: JsonObject, previous: JsonObject, next: JsonObject): void => {
  for (const [key, before] of Object.entries(previous)) {
    const after = next[key];
    if (after === undefined) {
      removeKey(target, key);
      continue;
    }
    const current = target[key];
    if (isObject(before) && isObject(after) && isObject(current)) {
      removeDropped(current, before, after);
    } else if (Array.isArray(before) && Array.isArray(after) && Array.isArray(current)) {
      const mergeKey = mergeKeyFor(key, before[0]);
      if (!mergeKey) continue;
      const keep = (item: JsonValue): boolean => {
        const id = isObject(item) ? item[mergeKey] : undefined;
        const wasApplied = before.some((b) => isObject(b) && deepEqual(b[mergeKey], id));
        const stillApplied = after.some((a) => isObject(a) && deepEqual(a[mergeKey], id));
        return !wasApplied || stillApplied;
      };
      target[key] = current.filter(keep);
    }
  }
};

export class Api {
  private controllersScheduled = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly store: Store,
    readonly registry: Registry,
  ) {
    for (const record of store.list(CRD_GR)) {
      registry.setCrd(nameOf(record.object), typesFromCrd(record.object));
    }
    this.unsubscribe = store.subscribe((event) => {
      this.onEvent(event);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The object as a client of `type` sees it (apiVersion of the requested version). */
  present(type: ResourceType, obj: JsonObject): JsonObject {
    const out = clone(obj);
    out.apiVersion = apiVersionOf(type);
    out.kind = type.kind;
    return out;
  }

  get(type: ResourceType, namespace: string, name: string): JsonObject {
    const record = this.store.get(groupResource(type), type.namespaced ? namespace : '', name);
    if (!record) throw notFound(type.group, type.plural, name);
    return this.present(type, record.object);
  }

  list(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): ListResult {
    const labels = labelMatcher(options.labelSelector);
    const fields = fieldMatcher(options.fieldSelector, type.kind);
    let start = '';
    if (options.continueToken) {
      try {
        const decoded = JSON.parse(
          Buffer.from(options.continueToken, 'base64').toString('utf8'),
        ) as unknown;
        if (!isObject(decoded) || typeof decoded.start !== 'string') throw new Error('bad token');
        start = decoded.start;
      } catch {
        throw badRequest('continue key is not valid: incorrect encoded start resourceVersion');
      }
    }
    // Store keys: `namespace/name`, or `name` for cluster-scoped objects (older tokens said
    // `/name`).
    const keyOf = (obj: JsonObject): string =>
      type.namespaced ? `${namespaceOf(obj)}/${nameOf(obj)}` : nameOf(obj);
    if (!type.namespaced && start.startsWith('/')) start = start.slice(1);
    const selective = Boolean(options.labelSelector) || Boolean(options.fieldSelector);
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const scan = this.store.scan(
      groupResource(type),
      type.namespaced ? namespace : undefined,
      start,
    );
    const page: JsonObject[] = [];
    let scanned = 0;
    let more = false;
    for (const record of scan.records) {
      const obj = record.object;
      if (!(labels(obj) && fields(obj))) {
        scanned += 1;
        continue;
      }
      if (page.length >= limit) {
        more = true;
        break;
      }
      scanned += 1;
      page.push(obj);
    }
    const resourceVersion = String(this.store.resourceVersion);
    const result: ListResult = {
      items: page.map((obj) => this.present(type, obj)),
      resourceVersion,
    };
    const last = page[page.length - 1];
    if (more && last) {
      result.continueToken = Buffer.from(
        JSON.stringify({ rv: this.store.resourceVersion, start: keyOf(last) }),
      ).toString('base64');
      // Like kube-apiserver: a count only when the list has no selector.
      if (!selective) result.remaining = scan.remainingAfter(scanned);
    }
    return result;
  }

  // ---- writing -------------------------------------------------------------------------------

  private checkBody(type: ResourceType, body: JsonValue, namespace: string): JsonObject {
    if (!isObject(body)) throw badRequest('the request body must be a JSON object');
    const obj = clone(body);
    const apiVersion = str(obj.apiVersion);
    if (obj.kind !== undefined && obj.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${String(str(obj.kind))}) does not match the expected kind (${type.kind})`,
      );
    }
    if (apiVersion !== undefined) {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      if (group !== type.group) {
        throw badRequest(
          `the API version in the data (${apiVersion}) does not match the expected API version (${apiVersionOf(type)})`,
        );
      }
    }
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    const metadata = metadataOf(obj);
    if (type.namespaced) {
      const inBody = str(metadata.namespace);
      if (inBody && inBody !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      metadata.namespace = namespace;
    } else {
      delete metadata.namespace;
    }
    return obj;
  }

  private checkNamespace(type: ResourceType, namespace: string): void {
    if (!type.namespaced) return;
    const ns = this.store.get(NAMESPACE_GR, '', namespace);
    if (!ns) throw notFound('', 'namespaces', namespace);
    if (isDeleting(ns.object)) {
      throw new ApiError(
        403,
        'Forbidden',
        `${type.plural} "${nameOf(ns.object)}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        { name: namespace, kind: 'namespaces' },
      );
    }
  }

  /** Schema pruning, defaulting and validation for custom resources. */
  private applySchema(type: ResourceType, obj: JsonObject, options: WriteOptions): string[] {
    const warnings: string[] = [];
    if (!type.crd || !type.schema) return warnings;
    const unknown = prune(obj, type.schema);
    if (unknown.length > 0) {
      const messages = unknown.map((path) => `unknown field "${path}"`);
      if (options.fieldValidation === 'Strict') {
        throw badRequest(`strict decoding error: ${messages.join(', ')}`);
      }
      if (options.fieldValidation === 'Warn') warnings.push(...messages);
    }
    applyDefaults(obj, type.schema);
    const causes = validate(obj, type.schema);
    if (causes.length > 0) throw invalid(type.group, type.kind, nameOf(obj), causes);
    return warnings;
  }

  /** Per-kind defaults and normalisation on every write. */
  private normalise(type: ResourceType, obj: JsonObject): void {
    if (type.group === '' && type.kind === 'Secret') {
      const stringData = objectAt(obj.stringData);
      if (stringData) {
        const data = child(obj, 'data');
        for (const [key, value] of Object.entries(stringData)) {
          if (typeof value === 'string') data[key] = Buffer.from(value, 'utf8').toString('base64');
        }
        delete obj.stringData;
      }
      obj.type ??= 'Opaque';
    }
    if (type.group === '' && type.kind === 'Service') {
      const spec = child(obj, 'spec');
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
        spec.clusterIP = `10.96.${Math.floor(Math.random() * 254) + 1}.${Math.floor(Math.random() * 254) + 1}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      if (Array.isArray(spec.ports)) {
        for (const port of spec.ports.filter(isObject)) {
          port.protocol ??= 'TCP';
          if (port.targetPort === undefined && port.port !== undefined) port.targetPort = port.port;
        }
      }
    }
    if (type.group === 'apps' && ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(type.kind)) {
      const spec = child(obj, 'spec');
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
    }
    if (type.group === '' && type.kind === 'Namespace') {
      const spec = child(obj, 'spec');
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
      const metadata = metadataOf(obj);
      const labels = isObject(metadata.labels) ? metadata.labels : {};
      labels['kubernetes.io/metadata.name'] = nameOf(obj);
      metadata.labels = labels;
    }
  }

  private initialStatus(type: ResourceType, obj: JsonObject): void {
    if (type.group === '' && type.kind === 'Namespace') {
      obj.status = { phase: 'Active' };
      return;
    }
    if (type.group === '' && type.kind === 'Pod') {
      obj.status = { phase: 'Pending' };
      return;
    }
    if (type.status && !KEEP_STATUS_ON_CREATE.has(type.kind)) delete obj.status;
  }

  /** A CRD's status as kube-apiserver sets it once names are accepted. */
  private crdStatus(crd: JsonObject): void {
    const spec = child(crd, 'spec');
    const names = child(spec, 'names');
    const kind = str(names.kind) ?? '';
    names.singular ??= kind.toLowerCase();
    names.listKind ??= `${kind}List`;
    spec.conversion ??= { strategy: 'None' };
    const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
    const storage = versions.find((v) => v.storage === true);
    const now = nowTimestamp();
    const previous = objectAt(crd.status);
    const stored = stringListAt(previous?.storedVersions);
    const storageName = str(storage?.name);
    if (storageName && !stored.includes(storageName)) stored.push(storageName);
    const status: JsonObject = {
      acceptedNames: clone(names),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
          lastTransitionTime: now,
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: now,
        },
      ],
      storedVersions: stored,
    };
    const previousConditions = previous?.conditions;
    if (Array.isArray(previousConditions) && previousConditions.length > 0) {
      status.conditions = previousConditions;
    }
    crd.status = status;
  }

  private checkCrd(crd: JsonObject): void {
    const spec = objectAt(crd.spec);
    const names = objectAt(spec?.names);
    const group = str(spec?.group);
    const plural = str(names?.plural);
    const causes = [];
    if (!group) causes.push({ field: 'spec.group', message: 'Required value' });
    if (!plural) causes.push({ field: 'spec.names.plural', message: 'Required value' });
    if (!str(names?.kind)) causes.push({ field: 'spec.names.kind', message: 'Required value' });
    if (spec?.scope !== 'Cluster' && spec?.scope !== 'Namespaced') {
      causes.push({
        field: 'spec.scope',
        message: 'Unsupported value: supported values: "Cluster", "Namespaced"',
      });
    }
    const versions = Array.isArray(spec?.versions) ? spec.versions.filter(isObject) : [];
    if (versions.length === 0) causes.push({ field: 'spec.versions', message: 'Required value' });
    if (versions.filter((v) => v.storage === true).length !== 1) {
      causes.push({
        field: 'spec.versions',
        message: 'Invalid value: must have exactly one version marked as storage version',
      });
    }
    if (group && plural && nameOf(crd) !== `${plural}.${group}`) {
      causes.push({
        field: 'metadata.name',
        message: `Invalid value: "${nameOf(crd)}": must be spec.names.plural+"."+spec.group`,
      });
    }
    if (causes.length > 0) {
      throw invalid('apiextensions.k8s.io', 'CustomResourceDefinition', nameOf(crd), causes);
    }
  }

  create(
    type: ResourceType,
    namespace: string,
    body: JsonValue,
    options: WriteOptions = {},
    applied?: Record<string, JsonObject>,
  ): WriteResult {
    const obj = this.checkBody(type, body, namespace);
    const metadata = metadataOf(obj);
    let name = str(metadata.name);
    const generateName = str(metadata.generateName);
    const requestedName = name ?? generateName ?? '';
    if (!name && generateName) {
      name = `${generateName}${randomSuffix()}`;
      metadata.name = name;
    }
    if (!name) {
      throw invalid(type.group, type.kind, '', [
        {
          type: 'FieldValueRequired',
          field: 'metadata.name',
          message: 'Required value: name or generateName is required',
        },
      ]);
    }
    const problem = nameProblem(type, name);
    if (problem) {
      throw invalid(type.group, type.kind, name, [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "${name}": ${problem}`,
        },
      ]);
    }
    this.checkNamespace(type, namespace);
    admitCreate(
      type,
      obj,
      requestedName,
      (gr, ns, objName) => this.store.get(gr, ns, objName)?.object,
    );
    const gr = groupResource(type);
    if (this.store.get(gr, type.namespaced ? namespace : '', name)) {
      throw alreadyExists(type.group, type.plural, name);
    }
    metadata.uid = randomUUID();
    metadata.creationTimestamp = nowTimestamp();
    delete metadata.resourceVersion;
    delete metadata.deletionTimestamp;
    delete metadata.deletionGracePeriodSeconds;
    delete metadata.selfLink;
    if (type.generation) metadata.generation = 1;
    else delete metadata.generation;
    this.initialStatus(type, obj);
    this.normalise(type, obj);
    const warnings = this.applySchema(type, obj, options);
    if (gr === CRD_GR) {
      this.checkCrd(obj);
      this.crdStatus(obj);
      const finalizers = finalizersOf(obj);
      if (!finalizers.includes(CRD_CLEANUP_FINALIZER))
        setFinalizers(obj, [...finalizers, CRD_CLEANUP_FINALIZER]);
    }
    if (options.dryRun) return { object: this.present(type, obj), created: true, warnings };
    const stored = this.store.put(gr, obj, applied);
    return { object: this.present(type, stored), created: true, warnings };
  }

  /** Replaces an object (PUT), or its status when `subresource` is `status`. */
  update(
    type: ResourceType,
    namespace: string,
    name: string,
    body: JsonValue,
    options: WriteOptions = {},
    subresource?: string,
    applied?: Record<string, JsonObject>,
  ): WriteResult {
    const ns = type.namespaced ? namespace : '';
    const gr = groupResource(type);
    const record = this.store.get(gr, ns, name);
    if (!record) throw notFound(type.group, type.plural, name);
    const existing = record.object;
    const incoming = this.checkBody(type, body, namespace);
    const incomingMeta = metadataOf(incoming);
    const bodyName = str(incomingMeta.name);
    if (bodyName !== undefined && bodyName !== name) {
      throw badRequest(
        `the name of the object (${bodyName}) does not match the name on the URL (${name})`,
      );
    }
    incomingMeta.name = name;
    const existingMeta = metadataOf(clone(existing));
    const rv = str(incomingMeta.resourceVersion);
    if (rv !== undefined && rv !== '' && rv !== str(existingMeta.resourceVersion)) {
      throw conflict(
        type.group,
        type.plural,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    if ((rv === undefined || rv === '') && type.crd && !applied) {
      throw invalid(type.group, type.kind, name, [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.resourceVersion',
          message: 'Invalid value: 0: must be specified for an update',
        },
      ]);
    }
    let next: JsonObject;
    if (subresource === 'status') {
      next = clone(existing);
      if (incoming.status === undefined) delete next.status;
      else next.status = incoming.status;
    } else {
      next = incoming;
      const meta = metadataOf(next);
      for (const key of [
        'uid',
        'creationTimestamp',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
        'generation',
      ]) {
        const value = existingMeta[key];
        if (value === undefined) removeKey(meta, key);
        else meta[key] = value;
      }
      if (type.status) {
        if (existing.status === undefined) delete next.status;
        else next.status = clone(existing.status);
      }
      this.normalise(type, next);
    }
    const warnings = this.applySchema(type, next, options);
    if (gr === CRD_GR && subresource !== 'status') {
      this.checkCrd(next);
      next.status = clone(existing.status ?? {});
      this.crdStatus(next);
    }
    if (type.generation && !deepEqual(specPart(existing), specPart(next))) {
      const generation = existingMeta.generation;
      metadataOf(next).generation = (typeof generation === 'number' ? generation : 0) + 1;
    }
    if (isDeleting(existing)) {
      const added = finalizersOf(next).filter((f) => !finalizersOf(existing).includes(f));
      if (added.length > 0) {
        throw forbidden(
          `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
        );
      }
    }
    metadataOf(next).resourceVersion = existingMeta.resourceVersion ?? '';
    const unchanged =
      deepEqual(next, existing) && (!applied || deepEqual(applied, record.applied ?? {}));
    if (options.dryRun || unchanged) {
      return { object: this.present(type, unchanged ? existing : next), created: false, warnings };
    }
    if (
      isDeleting(next) &&
      finalizersOf(next).length === 0 &&
      !this.waitsForNamespaceFinalizer(type, next)
    ) {
      const goneObj = this.store.remove(gr, ns, name, next) ?? next;
      return { object: this.present(type, goneObj), created: false, warnings };
    }
    const stored = this.store.put(gr, next, applied);
    return { object: this.present(type, stored), created: false, warnings };
  }

  private waitsForNamespaceFinalizer(type: ResourceType, obj: JsonObject): boolean {
    return (
      type.group === '' &&
      type.kind === 'Namespace' &&
      stringListAt(objectAt(obj.spec)?.finalizers).length > 0
    );
  }

  patch(
    type: ResourceType,
    namespace: string,
    name: string,
    patchType: PatchType,
    body: string,
    options: WriteOptions = {},
    subresource?: string,
  ): WriteResult {
    if (patchType === 'apply') return this.apply(type, namespace, name, body, options, subresource);
    let patchDoc: JsonValue;
    try {
      patchDoc = JSON.parse(body) as JsonValue;
    } catch (error) {
      throw badRequest(`error decoding patch: ${(error as Error).message}`);
    }
    if (patchType === 'strategic' && type.crd) {
      throw unsupportedMediaType('application/strategic-merge-patch+json');
    }
    const current = this.get(type, namespace, name);
    const currentRv = str(metadataOf(current).resourceVersion);
    let patched: JsonValue;
    if (patchType === 'json') patched = jsonPatch(current, patchDoc);
    else if (patchType === 'merge') patched = mergePatch(current, patchDoc);
    else patched = strategicMerge(current, patchDoc);
    if (!isObject(patched)) throw badRequest('the patch did not produce an object');
    const patchedMeta = metadataOf(patched);
    const precondition = str(patchedMeta.resourceVersion);
    if (precondition !== currentRv) {
      throw conflict(
        type.group,
        type.plural,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    return this.update(type, namespace, name, patched, options, subresource);
  }

  /**
   * Server-side apply, simplified: the applied configuration is merged into the live object
   * (strategic merge for built-in kinds, JSON merge for custom resources), and fields the same
   * field manager applied before but no longer applies are removed. Conflicts between managers
   * are not detected, so `force` has no effect.
   */
  private apply(
    type: ResourceType,
    namespace: string,
    name: string,
    body: string,
    options: WriteOptions,
    subresource?: string,
  ): WriteResult {
    const manager = options.fieldManager;
    if (!manager)
      throw badRequest('PATCH, application/apply-patch+yaml requests must have a fieldManager');
    let config: unknown;
    try {
      config = loadYaml(body);
    } catch (error) {
      throw badRequest(`error decoding YAML: ${(error as Error).message}`);
    }
    if (!isObject(config)) throw badRequest('the applied configuration must be an object');
    const appliedConfig = clone(config);
    const configMeta = objectAt(appliedConfig.metadata);
    if (str(configMeta?.name) !== undefined && str(configMeta?.name) !== name) {
      throw badRequest(
        `the name of the object (${String(str(configMeta?.name))}) does not match the name on the URL (${name})`,
      );
    }
    const gr = groupResource(type);
    const record = this.store.get(gr, type.namespaced ? namespace : '', name);
    if (!record) {
      if (subresource === 'status') throw notFound(type.group, type.plural, name);
      const toCreate = clone(appliedConfig);
      metadataOf(toCreate).name = name;
      return this.create(type, namespace, toCreate, options, { [manager]: appliedConfig });
    }
    const current = this.present(type, record.object);
    const merged = type.crd
      ? mergePatch(current, appliedConfig)
      : strategicMerge(current, appliedConfig);
    if (!isObject(merged)) throw badRequest('the applied configuration must be an object');
    const previous = record.applied?.[manager];
    if (previous) removeDropped(merged, previous, appliedConfig);
    const mergedMeta = metadataOf(merged);
    mergedMeta.resourceVersion = str(metadataOf(current).resourceVersion) ?? '';
    mergedMeta.name = name;
    return this.update(type, namespace, name, merged, options, subresource, {
      ...(record.applied ?? {}),
      [manager]: appliedConfig,
    });
  }

  delete(
    type: ResourceType,
    namespace: string,
    name: string,
    deleteOptions: JsonObject = {},
    options: WriteOptions = {},
  ): JsonObject {
    const ns = type.namespaced ? namespace : '';
    const gr = groupResource(type);
    const record = this.store.get(gr, ns, name);
    if (!record) throw notFound(type.group, type.plural, name);
    const existing = clone(record.object);
    const preconditions = objectAt(deleteOptions.preconditions);
    const uid = str(preconditions?.uid);
    const rv = str(preconditions?.resourceVersion);
    if (
      (uid && uid !== uidOf(existing)) ||
      (rv && rv !== str(metadataOf(existing).resourceVersion))
    ) {
      throw conflict(
        type.group,
        type.plural,
        name,
        `Precondition failed: UID in precondition: ${uid ?? ''}, UID in object meta: ${uidOf(existing)}`,
      );
    }
    const dryRun = options.dryRun === true || stringListAt(deleteOptions.dryRun).includes('All');
    if (dryRun) return this.present(type, existing);
    let policy = str(deleteOptions.propagationPolicy);
    if (deleteOptions.orphanDependents === true) policy = 'Orphan';
    const finalizers = finalizersOf(existing);
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN)) finalizers.push(ORPHAN);
    const isNamespace = gr === NAMESPACE_GR;
    if (finalizers.length === 0 && !isNamespace) {
      const removed = this.store.remove(gr, ns, name) ?? existing;
      return this.present(type, removed);
    }
    if (isDeleting(existing) && deepEqual(finalizers, finalizersOf(existing))) {
      return this.present(type, existing);
    }
    setFinalizers(existing, finalizers);
    const metadata = metadataOf(existing);
    metadata.deletionTimestamp ??= nowTimestamp();
    metadata.deletionGracePeriodSeconds ??= 0;
    if (isNamespace) child(existing, 'status').phase = 'Terminating';
    const stored = this.store.put(gr, existing);
    return this.present(type, stored);
  }

  deleteCollection(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions,
    deleteOptions: JsonObject,
    writeOptions: WriteOptions,
  ): JsonObject[] {
    const { items } = this.list(type, namespace, { ...options, limit: 0, continueToken: null });
    return items.map((item) =>
      this.delete(type, namespaceOf(item), nameOf(item), deleteOptions, writeOptions),
    );
  }

  // ---- watching ------------------------------------------------------------------------------

  /**
   * Starts a watch; `send` gets each event in order. Returns the function that stops it.
   * Throws 410 Gone when the requested resourceVersion is older than the retained history.
   */
  watch(
    type: ResourceType,
    namespace: string | undefined,
    options: WatchOptions,
    send: (event: WatchEvent) => void,
  ): () => void {
    const labels = labelMatcher(options.labelSelector);
    const fields = fieldMatcher(options.fieldSelector, type.kind);
    const gr = groupResource(type);
    const inScope = (obj: JsonObject): boolean =>
      namespace === undefined || !type.namespaced || namespaceOf(obj) === namespace;
    const matches = (obj: JsonObject | undefined): boolean =>
      obj !== undefined && inScope(obj) && labels(obj) && fields(obj);
    const translate = (event: StoreEvent): WatchEvent | undefined => {
      if (event.gr !== gr) return undefined;
      const now = matches(event.object);
      const before = matches(event.previous);
      const object = this.present(type, event.object);
      if (event.type === 'ADDED') return now ? { type: 'ADDED', object } : undefined;
      if (event.type === 'DELETED') return before || now ? { type: 'DELETED', object } : undefined;
      if (now && before) return { type: 'MODIFIED', object };
      if (now) return { type: 'ADDED', object };
      if (before) return { type: 'DELETED', object };
      return undefined;
    };
    const rv = options.resourceVersion ?? '';
    const initial = options.sendInitialEvents === true || rv === '' || rv === '0';
    let backlog: StoreEvent[] = [];
    if (!initial) {
      const since = Number(rv);
      if (!Number.isInteger(since) || since < 0) {
        throw badRequest(`invalid resource version: ${rv}`);
      }
      const events = this.store.eventsSince(since);
      if (!events) {
        throw gone(`too old resource version: ${since} (${this.store.oldestResumableVersion})`);
      }
      backlog = events;
    }
    if (initial) {
      for (const record of this.store.list(gr, type.namespaced ? namespace : undefined)) {
        if (matches(record.object))
          send({ type: 'ADDED', object: this.present(type, record.object) });
      }
      if (options.sendInitialEvents === true && options.allowBookmarks === true) {
        send(this.bookmark(type, true));
      }
    }
    for (const event of backlog) {
      const translated = translate(event);
      if (translated) send(translated);
    }
    return this.store.subscribe((event) => {
      const translated = translate(event);
      if (translated) send(translated);
    });
  }

  bookmark(type: ResourceType, initialEventsEnd = false): WatchEvent {
    const metadata: JsonObject = { resourceVersion: String(this.store.resourceVersion) };
    if (initialEventsEnd) metadata.annotations = { [INITIAL_EVENTS_END]: 'true' };
    return {
      type: 'BOOKMARK',
      object: { kind: type.kind, apiVersion: apiVersionOf(type), metadata },
    };
  }

  // ---- controllers ---------------------------------------------------------------------------

  private onEvent(event: StoreEvent): void {
    if (event.gr === CRD_GR) {
      if (event.type === 'DELETED') this.registry.removeCrd(event.name);
      else this.registry.setCrd(event.name, typesFromCrd(event.object));
    }
    const needsControllers =
      event.type === 'DELETED' ||
      isDeleting(event.object) ||
      (event.type === 'ADDED' && (ownerUids(event.object).length > 0 || event.gr === NAMESPACE_GR));
    if (needsControllers) this.scheduleControllers();
  }

  private scheduleControllers(): void {
    if (this.controllersScheduled || this.closed) return;
    this.controllersScheduled = true;
    setImmediate(() => {
      this.controllersScheduled = false;
      if (this.closed) return;
      try {
        this.runControllers();
      } catch (error) {
        console.error('local cluster: controller pass failed:', error);
      }
    });
  }

  private typeFor(gr: string): ResourceType | undefined {
    const slash = gr.indexOf('/');
    const group = gr.slice(0, slash);
    const plural = gr.slice(slash + 1);
    return this.registry.versionsOf(group, plural)[0];
  }

  private removeFinalizer(gr: string, obj: JsonObject, finalizer: string): void {
    const type = this.typeFor(gr);
    if (!type) return;
    const next = clone(obj);
    setFinalizers(
      next,
      finalizersOf(next).filter((f) => f !== finalizer),
    );
    this.update(type, namespaceOf(obj), nameOf(obj), next, {}, undefined, undefined);
  }

  private tryDelete(gr: string, obj: JsonObject): void {
    const type = this.typeFor(gr);
    if (!type || isDeleting(obj)) return;
    try {
      this.delete(type, namespaceOf(obj), nameOf(obj), { propagationPolicy: 'Background' });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }

  /** Garbage collection, namespace deletion, CRD cleanup and default service accounts. */
  private runControllers(): void {
    const all: { gr: string; object: JsonObject }[] = this.store
      .resources()
      .flatMap((gr) => this.store.list(gr).map((record) => ({ gr, object: record.object })));
    const uids = new Set(all.map(({ object }) => uidOf(object)));
    const dependents = new Map<string, { gr: string; object: JsonObject }[]>();
    for (const entry of all) {
      for (const owner of ownerUids(entry.object)) {
        const list = dependents.get(owner) ?? [];
        list.push(entry);
        dependents.set(owner, list);
      }
    }
    for (const entry of all) {
      const owners = ownerUids(entry.object);
      if (owners.length > 0 && owners.every((uid) => !uids.has(uid)))
        this.tryDelete(entry.gr, entry.object);
    }
    for (const { gr, object } of all) {
      if (!isDeleting(object)) continue;
      const finalizers = finalizersOf(object);
      const mine = dependents.get(uidOf(object)) ?? [];
      if (finalizers.includes(ORPHAN)) {
        for (const dep of mine) this.dropOwner(dep.gr, dep.object, uidOf(object));
        this.removeFinalizer(gr, object, ORPHAN);
      } else if (finalizers.includes(FOREGROUND)) {
        for (const dep of mine) this.tryDelete(dep.gr, dep.object);
        if (mine.length === 0) this.removeFinalizer(gr, object, FOREGROUND);
      }
    }
    for (const { object } of all.filter((e) => e.gr === NAMESPACE_GR)) {
      const name = nameOf(object);
      if (isDeleting(object)) {
        const contents = all.filter((e) => e.gr !== NAMESPACE_GR && namespaceOf(e.object) === name);
        for (const entry of contents) this.tryDelete(entry.gr, entry.object);
        if (contents.length === 0) this.finishNamespace(object);
      } else if (!this.store.get('/serviceaccounts', name, 'default')) {
        this.store.put('/serviceaccounts', {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: {
            name: 'default',
            namespace: name,
            uid: randomUUID(),
            creationTimestamp: nowTimestamp(),
          },
        });
      }
    }
    for (const { object } of all.filter((e) => e.gr === CRD_GR && isDeleting(e.object))) {
      const spec = objectAt(object.spec);
      const crGr = `${str(spec?.group) ?? ''}/${str(objectAt(spec?.names)?.plural) ?? ''}`;
      const instances = all.filter((e) => e.gr === crGr);
      for (const entry of instances) this.tryDelete(entry.gr, entry.object);
      if (instances.length === 0 && finalizersOf(object).includes(CRD_CLEANUP_FINALIZER)) {
        this.removeFinalizer(CRD_GR, object, CRD_CLEANUP_FINALIZER);
      }
    }
  }

  private dropOwner(gr: string, obj: JsonObject, ownerUid: string): void {
    const type = this.typeFor(gr);
    if (!type) return;
    const next = clone(obj);
    const metadata = metadataOf(next);
    const refs = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
    const kept = refs.filter((ref) => !(isObject(ref) && ref.uid === ownerUid));
    if (kept.length > 0) metadata.ownerReferences = kept;
    else delete metadata.ownerReferences;
    this.update(type, namespaceOf(obj), nameOf(obj), next);
  }

  private finishNamespace(ns: JsonObject): void {
    const spec = objectAt(ns.spec);
    if (stringListAt(spec?.finalizers).length > 0) {
      const next = clone(ns);
      child(next, 'spec').finalizers = [];
      const stored = this.store.put(NAMESPACE_GR, next);
      if (finalizersOf(stored).length === 0)
        this.store.remove(NAMESPACE_GR, '', nameOf(ns), stored);
    } else if (finalizersOf(ns).length === 0) {
      this.store.remove(NAMESPACE_GR, '', nameOf(ns));
    }
  }
}
