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
