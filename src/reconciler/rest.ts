/**
 * A minimal Kubernetes REST client over node:http(s). Authentication and TLS come from the
 * caller (client-node's KubeConfig.applyToHTTPSOptions), so this module loads without
 * client-node and the reconcile logic can be tested against a fake `KubeApi`.
 */
import http from 'node:http';
import https from 'node:https';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** HTTP status of an API failure; undefined for transport errors. */
export const statusOf = (error: unknown): number | undefined =>
  error instanceof ApiError ? error.status : undefined;

export interface ListPage<T> {
  items: T[];
  metadata?: { continue?: string; resourceVersion?: string };
}

export interface KubeApi {
  /** The object, or null on 404. */
  get: <T>(path: string) => Promise<T | null>;
  list: <T>(path: string, query?: Record<string, string | number>) => Promise<ListPage<T>>;
  create: <T>(collectionPath: string, body: unknown) => Promise<T>;
  replace: <T>(path: string, body: unknown) => Promise<T>;
  mergePatch: <T>(path: string, body: unknown) => Promise<T>;
  /** False when the object was already gone. */
  remove: (
    path: string,
    preconditions?: { uid?: string; resourceVersion?: string },
  ) => Promise<boolean>;
}

export type ApplyAuth = (options: https.RequestOptions) => Promise<void>;

const queryString = (query: Record<string, string | number> | undefined): string => {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== '');
  if (entries.length === 0) return '';
  return `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString()}`;
};

export class RestClient implements KubeApi {
  private readonly base: URL;
  constructor(
    server: string,
    private readonly applyAuth: ApplyAuth,
    private readonly userAgent = 'kata-console-plugin-reconciler',
    private readonly timeoutMs = 30_000,
  ) {
    this.base = new URL(server);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const url = new URL(path, this.base);
    const basePath = this.base.pathname.replace(/\/$/, '');
    const options: https.RequestOptions = {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${basePath}${url.pathname}${url.search}`,
      headers: { Accept: 'application/json', 'User-Agent': this.userAgent },
      timeout: this.timeoutMs,
    };
    await this.applyAuth(options);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      options.headers = {
        ...(options.headers as Record<string, string>),
        'Content-Type': contentType,
        'Content-Length': String(Buffer.byteLength(payload)),
      };
    }
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise<T>((resolve, reject) => {
      const req = transport.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let parsed: unknown = null;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            parsed = null;
          }
          if (status >= 200 && status < 300) {
            resolve(parsed as T);
            return;
          }
          const record = (parsed ?? {}) as { reason?: unknown; message?: unknown };
          const reason = typeof record.reason === 'string' ? record.reason : String(status);
          const message = typeof record.message === 'string' ? record.message : text.slice(0, 200);
          reject(new ApiError(status, reason, `${method} ${url.pathname}: ${status} ${message}`));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  async get<T>(path: string): Promise<T | null> {
    try {
      return await this.request<T>('GET', path);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  list<T>(path: string, query?: Record<string, string | number>): Promise<ListPage<T>> {
    return this.request<ListPage<T>>('GET', `${path}${queryString(query)}`);
  }

  create<T>(collectionPath: string, body: unknown): Promise<T> {
    return this.request<T>('POST', collectionPath, body);
  }

  replace<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  mergePatch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body, 'application/merge-patch+json');
  }

  async remove(
    path: string,
    preconditions?: { uid?: string; resourceVersion?: string },
  ): Promise<boolean> {
    try {
      await this.request(
        'DELETE',
        path,
        preconditions ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions } : undefined,
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
}

/** Collection paths of every resource the reconciler touches. */
export const PATHS = {
  kataConfigs: '/apis/kataconfiguration.openshift.io/v1/kataconfigs',
  machineConfigs: '/apis/machineconfiguration.openshift.io/v1/machineconfigs',
  machineConfigPools: '/apis/machineconfiguration.openshift.io/v1/machineconfigpools',
  containerRuntimeConfigs: '/apis/machineconfiguration.openshift.io/v1/containerruntimeconfigs',
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  runtimeClasses: '/apis/node.k8s.io/v1/runtimeclasses',
  events: (namespace: string): string => `/api/v1/namespaces/${namespace}/events`,
  leases: (namespace: string): string =>
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`,
  deployments: (namespace: string): string => `/apis/apps/v1/namespaces/${namespace}/deployments`,
  csvs: (namespace: string): string =>
    `/apis/operators.coreos.com/v1alpha1/namespaces/${namespace}/clusterserviceversions`,
} as const;

export const itemPath = (collection: string, name: string): string =>
  `${collection}/${encodeURIComponent(name)}`;
