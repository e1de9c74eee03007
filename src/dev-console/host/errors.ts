/**
 * Console records a missing i18n key or an uncaught error on `window.windowError` so its
 * integration tests can fail on them; the dev console does the same and keeps the whole list.
 */
export const recordWindowError = (message: string): void => {
  window.windowError = message;
  (window.windowErrors ??= []).push(message);
};

export const installErrorRecorder = (): void => {
  window.addEventListener('error', (event) => {
    recordWindowError(event.message || String(event.error));
  });
  window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason;
    recordWindowError(reason instanceof Error ? reason.message : String(reason));
  });
};
