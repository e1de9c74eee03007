/**
 * The message to show for a failed API call. The SDK's HttpError carries the server's
 * own `Status` message, which says far more than a generic "request failed".
 */
export const errorMessage = (error: unknown): string | undefined => {
  if (error === undefined || error === null || error === false) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object') {
    const withJson = error as { json?: { message?: unknown }; message?: unknown };
    if (typeof withJson.json?.message === 'string' && withJson.json.message) {
      return withJson.json.message;
    }
    if (typeof withJson.message === 'string' && withJson.message) return withJson.message;
  }
  return typeof error === 'number' || typeof error === 'boolean' ? String(error) : undefined;
};

/**
 * The HTTP status of a failed SDK call: the SDK's HttpError carries it as `code`, and some
 * errors only as `response.status`.
 */
export const httpStatus = (error: unknown): number | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, response } = error as { code?: unknown; response?: { status?: unknown } };
  if (typeof code === 'number') return code;
  return typeof response?.status === 'number' ? response.status : undefined;
};
