/**
 * The HTTP front of the emulator: bearer-token authentication, authorization of the read-only
 * user, discovery, OpenAPI v3, REST routing, and watches over chunked HTTP and WebSocket.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { load as loadYaml } from 'js-yaml';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { Api, ListOptions, User, WatchEvent, WriteOptions } from './api';
import { PATCH_CONTENT_TYPES } from './api';
import {
  ApiError,
  badRequest,
  forbidden,
  methodNotAllowed,
  notFound,
  unauthorized,
  unsupportedMediaType,
} from './errors';
import type { JsonObject, JsonValue } from './json';
import { isObject, objectAt, str } from './json';
import { openApiDocument, openApiIndex } from './openapi';
import { decodeProtobufBody } from './protobuf';
import type { Registry, ResourceType } from './registry';
import { apiVersionOf, compareVersions } from './registry';

export const KUBERNETES_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-kata-local',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface Tokens {
  admin: string;
  viewer: string;
}

export interface ApiServerOptions {
  api: Api;
  registry: Registry;
  tokens: Tokens;
  host?: string;
  port?: number;
  /** How often watches that allow bookmarks get one. */
  bookmarkIntervalMs?: number;
  /** Serve HTTPS with this certificate (kubectl sends tokens only over TLS). */
  tls?: { certPem: string; keyPem: string };
}

const ADMIN: User = {
  name: 'admin',
  groups: ['system:masters', 'system:authenticated'],
  readOnly: false,
};
const VIEWER: User = { name: 'viewer', groups: ['system:authenticated'], readOnly: true };
const REVIEW_RESOURCES = new Set([
  'selfsubjectaccessreviews',
  'selfsubjectreviews',
  'selfsubjectrulesreviews',
]);
const READ_VERBS = new Set(['get', 'list', 'watch']);
const WS_BEARER_PREFIX = 'base64url.bearer.authorization.k8s.io.';
const MAX_WATCH_SECONDS = 1800;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The whole authorization policy: the admin may do anything, the viewer only read. */
export const isAllowed = (user: User, attrs: Attributes): boolean =>
  !user.readOnly ||
  READ_VERBS.has(attrs.verb) ||
  (attrs.verb === 'create' && REVIEW_RESOURCES.has(attrs.resource));

const forbiddenFor = (user: User, attrs: Attributes): ApiError => {
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  const what = attrs.name ? `${attrs.resource} "${attrs.name}"` : attrs.resource;
  return forbidden(
    `${what} is forbidden: User "${user.name}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`,
  );
};

interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watch: boolean;
}

const splitPath = (pathname: string): string[] =>
  pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);

export class ApiServer {
  private readonly server: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => this.chooseProtocol(protocols),
  });
  private readonly stops = new Set<() => void>();
  private readonly api: Api;
  private readonly registry: Registry;
  private readonly tokens: Tokens;
  private readonly bookmarkIntervalMs: number;

  constructor(private readonly options: ApiServerOptions) {
    this.api = options.api;
    this.registry = options.registry;
    this.tokens = options.tokens;
    this.bookmarkIntervalMs = options.bookmarkIntervalMs ?? 30_000;
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      void this.handle(req, res);
    };
    this.server = options.tls
      ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler)
      : createServer(handler);
    // Node's default (5 s) is shorter than some synchronous passes over 100,000 objects: the
    // idle timer would then fire before a request that arrived meanwhile is read, resetting the
    // connection under the client. kube-apiserver keeps idle connections for 90 s.
    this.server.keepAliveTimeout = 90_000;
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.handleUpgrade(req, socket, head);
    });
  }

  /** Starts listening; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 6443, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  async close(): Promise<void> {
    for (const stop of [...this.stops]) stop();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private chooseProtocol(protocols: Set<string>): string | false {
    const offered = [...protocols];
    return offered.find((p) => !p.startsWith(WS_BEARER_PREFIX)) ?? offered[0] ?? false;
  }

  private authenticate(req: IncomingMessage): User | undefined {
    let token: string | undefined;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) token = header.slice('Bearer '.length).trim();
    const protocols = req.headers['sec-websocket-protocol'];
    if (!token && typeof protocols === 'string') {
      const bearer = protocols
        .split(',')
        .map((p) => p.trim())
        .find((p) => p.startsWith(WS_BEARER_PREFIX));
      if (bearer)
        token = Buffer.from(bearer.slice(WS_BEARER_PREFIX.length), 'base64url').toString('utf8');
    }
    if (token === this.tokens.admin) return ADMIN;
    if (token === this.tokens.viewer) return VIEWER;
    return undefined;
  }

  private send(res: ServerResponse, code: number, body: JsonValue, warnings: string[] = []): void {
    const text = JSON.stringify(body);
    const headers: Record<string, string | string[]> = {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Content-Length': String(Buffer.byteLength(text)),
    };
    if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    res.writeHead(code, headers);
    res.end(text);
  }

  private sendError(res: ServerResponse, error: unknown): void {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            'InternalError',
            `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`,
          );
    if (!(error instanceof ApiError)) console.error('local cluster: internal error:', error);
    if (res.headersSent) {
      res.end();
      return;
    }
    this.send(res, apiError.code, apiError.toStatus());
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > MAX_BODY_BYTES)
        throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
      chunks.push(buf);
    }
    return Buffer.concat(chunks);
  }

  /** The body as an object, from JSON, YAML or protobuf. */
  private decodeBody(req: IncomingMessage, body: Buffer): JsonValue {
    const contentType =
      (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim() ?? '';
    if (body.length === 0) return {};
    if (contentType === 'application/vnd.kubernetes.protobuf') return decodeProtobufBody(body);
    if (contentType === 'application/yaml') {
      const parsed = loadYaml(body.toString('utf8')) as JsonValue;
      return parsed;
    }
    if (contentType === 'application/json' || contentType === '' || contentType === '*/*') {
      try {
        return JSON.parse(body.toString('utf8')) as JsonValue;
      } catch (error) {
        throw badRequest(`error decoding JSON: ${(error as Error).message}`);
      }
    }
    throw unsupportedMediaType(contentType);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const segments = splitPath(url.pathname);
      const method = req.method ?? 'GET';
      if (['healthz', 'readyz', 'livez'].includes(segments[0] ?? '') && method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (url.pathname === '/version' && method === 'GET') {
        this.send(res, 200, KUBERNETES_VERSION);
        return;
      }
      const user = this.authenticate(req);
      if (!user) throw unauthorized();
      if (segments[0] === 'openapi') {
        this.handleOpenApi(res, segments);
        return;
      }
      const discovery = this.discovery(segments);
      if (discovery !== undefined) {
        if (method !== 'GET') throw methodNotAllowed(`${method} is not allowed on discovery`);
        this.send(res, 200, discovery);
        return;
      }
      const request = this.parseResource(segments, url.searchParams);
      await this.handleResource(req, res, url.searchParams, request, user);
    } catch (error) {
      this.sendError(res, error);
    }
  }

  // ---- discovery ------------------------------------------------------------------------------

  private resourceList(group: string, version: string): JsonObject | undefined {
    const types = this.registry.all().filter((t) => t.group === group && t.version === version);
    if (types.length === 0) return undefined;
    const resources: JsonValue[] = types.flatMap((t) => {
      const entry: JsonObject = {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
      };
      if (t.shortNames.length > 0) entry.shortNames = t.shortNames;
      if (t.categories.length > 0) entry.categories = t.categories;
      const list: JsonValue[] = [entry];
      if (t.status) {
        list.push({
          name: `${t.plural}/status`,
          singularName: '',
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ['get', 'patch', 'update'],
        });
      }
      return list;
    });
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: apiVersionOf({ group, version }),
      resources,
    };
  }

  private apiGroup(group: string, versions: string[]): JsonObject {
    const sorted = [...versions].sort(compareVersions);
    const entries = sorted.map((version) => ({ groupVersion: `${group}/${version}`, version }));
    return { name: group, versions: entries, preferredVersion: entries[0] ?? {} };
  }

  private discovery(segments: string[]): JsonValue | undefined {
    const [root, a, b, c] = segments;
    if (root === 'api') {
      if (a === undefined) {
        return {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
        };
      }
      if (b === undefined)
        return (
          this.resourceList('', a) ??
          (() => {
            throw notFound('', '', a);
          })()
        );
      return undefined;
    }
    if (root === 'apis') {
      const groups = this.registry.groupVersions().filter((g) => g.group !== '');
      if (a === undefined) {
        return {
          kind: 'APIGroupList',
          apiVersion: 'v1',
          groups: groups.map((g) => this.apiGroup(g.group, g.versions)),
        };
      }
      if (b === undefined) {
        const found = groups.find((g) => g.group === a);
        if (!found)
          throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return {
          kind: 'APIGroup',
          apiVersion: 'v1',
          ...this.apiGroup(found.group, found.versions),
        };
      }
      if (c === undefined) {
        const list = this.resourceList(a, b);
        if (!list)
          throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return list;
      }
    }
    return undefined;
  }

  private handleOpenApi(res: ServerResponse, segments: string[]): void {
    if (segments[1] !== 'v3')
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (segments.length === 2) {
      this.send(res, 200, openApiIndex(this.registry));
      return;
    }
    const doc = openApiDocument(this.registry, segments.slice(2).join('/'));
    if (!doc)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    this.send(res, 200, doc);
  }

  // ---- resources ------------------------------------------------------------------------------

  private parseResource(segments: string[], query: URLSearchParams): ResourceRequest {
    let rest: string[];
    let group: string;
    let version: string | undefined;
    if (segments[0] === 'api') {
      group = '';
      version = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis') {
      group = segments[1] ?? '';
      version = segments[2];
      rest = segments.slice(3);
    } else {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    let watch = query.get('watch') === 'true' || query.get('watch') === '1';
    if (rest[0] === 'watch') {
      watch = true;
      rest = rest.slice(1);
    }
    let namespace: string | undefined;
    const isNamespaceSub =
      rest.length === 3 &&
      rest[0] === 'namespaces' &&
      (rest[2] === 'status' || rest[2] === 'finalize');
    if (rest[0] === 'namespaces' && rest.length >= 3 && !isNamespaceSub) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource, ...extra] = rest;
    const type = version && plural ? this.registry.find(group, version, plural) : undefined;
    if (!type || extra.length > 0)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (namespace !== undefined && !type.namespaced)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (
      subresource !== undefined &&
      !(subresource === 'status' && type.status) &&
      !(subresource === 'finalize' && type.kind === 'Namespace')
    ) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    if (name !== undefined && type.namespaced && namespace === undefined) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    return {
      type,
      watch,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
    };
  }

  private writeOptions(query: URLSearchParams): WriteOptions {
    const validation = query.get('fieldValidation');
    if (validation !== null && !['Strict', 'Warn', 'Ignore'].includes(validation)) {
      throw badRequest(
        `fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${validation}"`,
      );
    }
    const dryRun = query.getAll('dryRun');
    if (dryRun.some((d) => d !== 'All')) throw badRequest('dryRun must be "All"');
    const fieldManager = query.get('fieldManager');
    return {
      dryRun: dryRun.includes('All'),
      fieldValidation: (validation ?? 'Warn') as WriteOptions['fieldValidation'] & string,
      force: query.get('force') === 'true',
      ...(fieldManager ? { fieldManager } : {}),
    };
  }

  private listOptions(query: URLSearchParams): ListOptions {
    const limit = query.get('limit');
    const parsedLimit = limit === null ? 0 : Number(limit);
    if (!Number.isInteger(parsedLimit) || parsedLimit < 0)
      throw badRequest(`invalid limit: ${String(limit)}`);
    return {
      labelSelector: query.get('labelSelector'),
      fieldSelector: query.get('fieldSelector'),
      limit: parsedLimit,
      continueToken: query.get('continue'),
    };
  }

  private verbOf(method: string, request: ResourceRequest): string {
    switch (method) {
      case 'GET':
        if (request.watch) return 'watch';
        return request.name === undefined ? 'list' : 'get';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return request.name === undefined ? 'deletecollection' : 'delete';
      default:
        throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
  }

  private authorize(user: User, verb: string, request: ResourceRequest): void {
    const attrs: Attributes = {
      verb,
      group: request.type.group,
      resource: request.type.plural,
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.subresource !== undefined ? { subresource: request.subresource } : {}),
    };
    if (!isAllowed(user, attrs)) throw forbiddenFor(user, attrs);
  }

  private async handleResource(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    request: ResourceRequest,
    user: User,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const verb = this.verbOf(method, request);
    this.authorize(user, verb, request);
    const { type, name, subresource } = request;
    const namespace = request.namespace ?? '';
    if (type.virtual) {
      if (verb !== 'create') throw methodNotAllowed(`${type.plural} only supports create`);
      const body = this.decodeBody(req, await this.readBody(req));
      this.send(res, 201, this.review(type, body, user));
      return;
    }
    switch (verb) {
      case 'get':
        this.send(res, 200, this.api.get(type, namespace, name ?? ''));
        return;
      case 'list': {
        const result = this.api.list(type, request.namespace, this.listOptions(query));
        const metadata: JsonObject = { resourceVersion: result.resourceVersion };
        if (result.continueToken) metadata.continue = result.continueToken;
        if (result.remaining !== undefined) metadata.remainingItemCount = result.remaining;
        this.send(res, 200, {
          kind: type.listKind,
          apiVersion: apiVersionOf(type),
          metadata,
          items: result.items,
        });
        return;
      }
      case 'watch':
        this.watchHttp(req, res, query, request);
        return;
      case 'create': {
        if (name !== undefined) throw methodNotAllowed('POST is not allowed on a named resource');
        const body = this.decodeBody(req, await this.readBody(req));
        const result = this.api.create(type, namespace, body, this.writeOptions(query));
        this.send(res, 201, result.object, result.warnings);
        return;
      }
      case 'update': {
        const body = this.decodeBody(req, await this.readBody(req));
        const result = this.api.update(
          type,
          namespace,
          name ?? '',
          this.finalizeBody(subresource, body, type, namespace, name ?? ''),
          this.writeOptions(query),
          subresource === 'status' ? 'status' : undefined,
        );
        this.send(res, 200, result.object, result.warnings);
        return;
      }
      case 'patch': {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        const patchType = PATCH_CONTENT_TYPES[contentType];
        if (!patchType) throw unsupportedMediaType(contentType);
        const body = (await this.readBody(req)).toString('utf8');
        const result = this.api.patch(
          type,
          namespace,
          name ?? '',
          patchType,
          body,
          this.writeOptions(query),
          subresource === 'status' ? 'status' : undefined,
        );
        this.send(res, result.created ? 201 : 200, result.object, result.warnings);
        return;
      }
      case 'delete': {
        const raw = await this.readBody(req);
        const body = raw.length > 0 ? this.decodeBody(req, raw) : {};
        const deleteOptions = isObject(body) ? body : {};
        const propagation = query.get('propagationPolicy');
        if (propagation) deleteOptions.propagationPolicy = propagation;
        const object = this.api.delete(
          type,
          namespace,
          name ?? '',
          deleteOptions,
          this.writeOptions(query),
        );
        this.send(res, 200, object);
        return;
      }
      case 'deletecollection': {
        const raw = await this.readBody(req);
        const body = raw.length > 0 ? this.decodeBody(req, raw) : {};
        const items = this.api.deleteCollection(
          type,
          request.namespace,
          this.listOptions(query),
          isObject(body) ? body : {},
          this.writeOptions(query),
        );
        this.send(res, 200, {
          kind: type.listKind,
          apiVersion: apiVersionOf(type),
          metadata: {},
          items,
        });
        return;
      }
      default:
        throw methodNotAllowed(`unsupported verb ${verb}`);
    }
  }

  /** PUT namespaces/x/finalize changes only spec.finalizers. */
  private finalizeBody(
    subresource: string | undefined,
    body: JsonValue,
    type: ResourceType,
    namespace: string,
    name: string,
  ): JsonValue {
    if (subresource !== 'finalize' || !isObject(body)) return body;
    const current = this.api.get(type, namespace, name);
    const spec = objectAt(current.spec) ?? {};
    spec.finalizers = objectAt(body.spec)?.finalizers ?? [];
    current.spec = spec;
    const rv = str(objectAt(body.metadata)?.resourceVersion);
    if (rv) (current.metadata as JsonObject).resourceVersion = rv;
    return current;
  }

  /** Answers SelfSubjectAccessReview and SelfSubjectReview truthfully for the caller. */
  private review(type: ResourceType, body: JsonValue, user: User): JsonObject {
    const review: JsonObject = isObject(body) ? { ...body } : {};
    review.apiVersion = apiVersionOf(type);
    review.kind = type.kind;
    review.metadata = { creationTimestamp: null };
    if (type.kind === 'SelfSubjectReview') {
      review.status = { userInfo: { username: user.name, groups: user.groups } };
      return review;
    }
    const spec = objectAt(review.spec) ?? {};
    const resource = objectAt(spec.resourceAttributes);
    const nonResource = objectAt(spec.nonResourceAttributes);
    let allowed: boolean;
    if (resource) {
      const attrs: Attributes = {
        verb: str(resource.verb) ?? '',
        group: str(resource.group) ?? '',
        resource: str(resource.resource) ?? '',
        ...(str(resource.namespace) ? { namespace: str(resource.namespace) ?? '' } : {}),
      };
      allowed = isAllowed(user, attrs);
    } else if (nonResource) {
      allowed = !user.readOnly || READ_VERBS.has(str(nonResource.verb) ?? '');
    } else {
      throw badRequest('spec.resourceAttributes or spec.nonResourceAttributes is required');
    }
    review.status = allowed
      ? {
          allowed: true,
          reason: user.readOnly ? 'the viewer may read everything' : 'the admin may do anything',
        }
      : { allowed: false };
    return review;
  }

  // ---- watch ----------------------------------------------------------------------------------

  /** Runs a watch; `emit` writes one event; returns the stop function, or undefined after an error event. */
  private startWatch(
    query: URLSearchParams,
    request: ResourceRequest,
    emit: (event: JsonObject) => void,
    end: () => void,
  ): () => void {
    const { type } = request;
    let fieldSelector = query.get('fieldSelector');
    if (request.name !== undefined) {
      const byName = `metadata.name=${request.name}`;
      fieldSelector = fieldSelector ? `${fieldSelector},${byName}` : byName;
    }
    const allowBookmarks = query.get('allowWatchBookmarks') === 'true';
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? MAX_WATCH_SECONDS);
    const seconds =
      Number.isFinite(timeoutSeconds) && timeoutSeconds > 0
        ? Math.min(timeoutSeconds, MAX_WATCH_SECONDS)
        : MAX_WATCH_SECONDS;
    const send = (event: WatchEvent): void => {
      emit({ type: event.type, object: event.object });
    };
    let unsubscribe: () => void;
    try {
      unsubscribe = this.api.watch(
        type,
        request.namespace,
        {
          resourceVersion: query.get('resourceVersion'),
          labelSelector: query.get('labelSelector'),
          fieldSelector,
          sendInitialEvents: query.get('sendInitialEvents') === 'true',
          allowBookmarks,
        },
        send,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 410) {
        emit({ type: 'ERROR', object: error.toStatus() });
        end();
        return () => undefined;
      }
      throw error;
    }
    const bookmarkTimer = allowBookmarks
      ? setInterval(() => {
          send(this.api.bookmark(type));
        }, this.bookmarkIntervalMs)
      : undefined;
    const timeout = setTimeout(() => {
      stop();
      end();
    }, seconds * 1000);
    const stop = (): void => {
      unsubscribe();
      if (bookmarkTimer) clearInterval(bookmarkTimer);
      clearTimeout(timeout);
      this.stops.delete(stopAndEnd);
    };
    const stopAndEnd = (): void => {
      stop();
      end();
    };
    this.stops.add(stopAndEnd);
    return stop;
  }

  private watchHttp(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    request: ResourceRequest,
  ): void {
    const pending: string[] = [];
    let started = false;
    let ended = false;
    const start = (): void => {
      if (started) return;
      started = true;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-cache, private',
        'Transfer-Encoding': 'chunked',
      });
      res.flushHeaders();
      if (pending.length > 0) res.write(pending.splice(0).join(''));
    };
    const end = (): void => {
      if (ended) return;
      ended = true;
      start();
      res.end();
    };
    const stop = this.startWatch(
      query,
      request,
      (event) => {
        const line = `${JSON.stringify(event)}\n`;
        if (started) res.write(line);
        else pending.push(line);
      },
      end,
    );
    start();
    const cleanup = (): void => {
      stop();
      ended = true;
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const reject = (error: ApiError): void => {
      const text = JSON.stringify(error.toStatus());
      socket.end(
        `HTTP/1.1 ${error.code} ${error.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    try {
      const user = this.authenticate(req);
      if (!user) throw unauthorized();
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request = this.parseResource(splitPath(url.pathname), url.searchParams);
      if (!request.watch || req.method !== 'GET')
        throw badRequest('only watch requests can be upgraded to a WebSocket');
      this.authorize(user, 'watch', request);
      this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        try {
          const stop = this.startWatch(
            url.searchParams,
            request,
            (event) => {
              if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
            },
            () => {
              ws.close(1000);
            },
          );
          ws.on('close', stop);
          ws.on('error', stop);
        } catch (error) {
          const status = error instanceof ApiError ? error.toStatus() : { message: String(error) };
          ws.send(JSON.stringify({ type: 'ERROR', object: status }));
          ws.close(1011);
        }
      });
    } catch (error) {
      reject(error instanceof ApiError ? error : new ApiError(500, 'InternalError', String(error)));
    }
  }
}
