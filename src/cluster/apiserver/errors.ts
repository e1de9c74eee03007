/** Kubernetes `Status` errors: every failure a client sees is one of these. */
import type { JsonObject } from './json';

export interface StatusCause {
  type?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    const status: JsonObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) {
      const details: JsonObject = {};
      if (this.details.name !== undefined) details.name = this.details.name;
      if (this.details.group !== undefined) details.group = this.details.group;
      if (this.details.kind !== undefined) details.kind = this.details.kind;
      if (this.details.causes) {
        details.causes = this.details.causes.map((cause) => {
          const out: JsonObject = { message: cause.message };
          if (cause.type !== undefined) out.reason = cause.type;
          if (cause.field !== undefined) out.field = cause.field;
          return out;
        });
      }
      status.details = details;
    }
    return status;
  }
}

/** `configmaps "x"` or `configmaps.apps "x"`: the way kube-apiserver names a resource. */
const qualified = (group: string, plural: string): string =>
  group ? `${plural}.${group}` : plural;

export const notFound = (group: string, plural: string, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${qualified(group, plural)} "${name}" not found`, {
    name,
    group,
    kind: plural,
  });

export const alreadyExists = (group: string, plural: string, name: string): ApiError =>
  new ApiError(409, 'AlreadyExists', `${qualified(group, plural)} "${name}" already exists`, {
    name,
    group,
    kind: plural,
  });

export const conflict = (group: string, plural: string, name: string, why: string): ApiError =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(group, plural)} "${name}": ${why}`,
    { name, group, kind: plural },
  );

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const invalid = (
  group: string,
  kind: string,
  name: string,
  causes: StatusCause[],
): ApiError =>
  new ApiError(
    422,
    'Invalid',
    `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${causes
      .map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
      .join(', ')}`,
    { name, group, kind, causes },
  );

export const methodNotAllowed = (message: string): ApiError =>
  new ApiError(405, 'MethodNotAllowed', message);

export const unsupportedMediaType = (contentType: string): ApiError =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${contentType})`,
  );

export const gone = (message: string): ApiError => new ApiError(410, 'Expired', message);

export const forbidden = (message: string): ApiError => new ApiError(403, 'Forbidden', message);

export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized', 'Unauthorized');
