/**
 * Stands in for console's `@console/internal/models`, which the npm SDK's `k8s-utils` requires for
 * its fallback model list. The dev console has no static models: every model comes from API
 * discovery (host/discovery.ts), so this module exports none.
 */
export {};
