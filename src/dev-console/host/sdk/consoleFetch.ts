/**
 * Stands in for console's `@console/shared/src/utils/console-fetch`, which the npm SDK requires
 * but does not ship. Same contract: the SDK's `HttpError` for non-2xx answers, with the server's
 * message and JSON body; JSON helpers for each verb; a timeout.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { HttpError } from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/http-error';

const DEFAULT_TIMEOUT_MS = 60_000;

const statusMessage = (json: unknown, text: string, response: Response): string => {
  if (typeof json === 'object' && json !== null && 'message' in json) {
    const { message } = json;
    if (typeof message === 'string' && message) return message;
  }
  return text || response.statusText || `HTTP ${response.status}`;
};

const validate = async (response: Response): Promise<Response> => {
  if (response.ok || response.status === 304) return response;
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  throw new HttpError(statusMessage(json, text, response), response.status, response, json);
};

const coFetchImpl = async (
  url: string,
  options: RequestInit = {},
  timeout = DEFAULT_TIMEOUT_MS,
) => {
  const controller = new AbortController();
  const timer =
    timeout > 0
      ? window.setTimeout(() => {
          controller.abort();
        }, timeout)
      : undefined;
  options.signal?.addEventListener('abort', () => {
    controller.abort();
  });
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      ...options,
      signal: controller.signal,
    });
    return await validate(response);
  } finally {
    window.clearTimeout(timer);
  }
};

export const coFetch: typeof SDK.consoleFetch = coFetchImpl;

const parseJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : {};
};

const fetchJson = (
  url: string,
  method = 'GET',
  options: RequestInit = {},
  timeout?: number,
  body?: unknown,
  contentType = 'application/json',
): Promise<unknown> => {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const init: RequestInit = { ...options, method, headers };
  if (body !== undefined && body !== null) {
    headers.set('Content-Type', contentType);
    init.body = JSON.stringify(body);
  }
  return coFetchImpl(url, init, timeout).then(parseJson);
};

const jsonFetcher = (url: string, method?: string, options?: RequestInit, timeout?: number) =>
  fetchJson(url, method, options ?? {}, timeout ?? undefined);

export const coFetchJSON: typeof SDK.consoleFetchJSON = Object.assign(jsonFetcher, {
  delete: (url: string, json?: unknown, options?: RequestInit, timeout?: number) =>
    fetchJson(url, 'DELETE', options ?? {}, timeout ?? undefined, json),
  post: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    fetchJson(url, 'POST', options ?? {}, timeout ?? undefined, json),
  put: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    fetchJson(url, 'PUT', options ?? {}, timeout ?? undefined, json),
  patch: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    fetchJson(
      url,
      'PATCH',
      options ?? {},
      timeout ?? undefined,
      json,
      'application/json-patch+json',
    ),
});

export const coFetchText: typeof SDK.consoleFetchText = (url, options, timeout) =>
  coFetchImpl(url, options, timeout).then((response) => response.text());
