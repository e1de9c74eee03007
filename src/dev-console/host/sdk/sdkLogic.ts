/**
 * The pure parts of the host's ResourceYAMLEditor, ResourceEventStream, HorizontalNav and
 * useActiveNamespace, kept apart so they can be unit-tested without a browser.
 */
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { dump, load } from 'js-yaml';
import { matchPath } from 'react-router';

export const ALL_NAMESPACES_KEY = '#ALL_NS#';

/** The editor's text for an object; a string (a YAML template) is shown as it is, like console. */
export const yamlOf = (resource: K8sResourceCommon | string): string =>
  typeof resource === 'string' ? resource : dump(resource, { noRefs: true, lineWidth: -1 });

export type ParsedYaml = { object: K8sResourceCommon } | { error: string };

/** Parses the editor's text; anything but a YAML mapping is an error with a message to show. */
export const parseResourceYaml = (text: string): ParsedYaml => {
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    return {
      error: `Error parsing YAML: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'The YAML must describe one object (a mapping with apiVersion and kind).' };
  }
  return { object: parsed };
};

/**
 * Console's checks before an update: the edited object must still be the same object. Returns
 * the message to show, or null when the edit may be sent.
 */
export const editProblem = (
  original: K8sResourceCommon,
  edited: K8sResourceCommon,
): string | null => {
  const fields: [string, string | undefined, string | undefined][] = [
    ['name', original.metadata?.name, edited.metadata?.name],
    ['namespace', original.metadata?.namespace, edited.metadata?.namespace],
    ['kind', original.kind, edited.kind],
    ['apiVersion', original.apiVersion, edited.apiVersion],
  ];
  for (const [field, before, after] of fields) {
    if ((before ?? '') !== (after ?? '')) {
      return `Cannot change resource ${field} (original: "${before ?? ''}", updated: "${after ?? ''}").`;
    }
  }
  return null;
};

/** The key discovery's models are stored under for an object's apiVersion and kind. */
export const modelKeyFor = (apiVersion: string | undefined, kind: string | undefined): string => {
  const [groupOrVersion = '', version] = (apiVersion ?? '').split('/');
  return version === undefined
    ? `core~${groupOrVersion}~${kind ?? ''}`
    : `${groupOrVersion}~${version}~${kind ?? ''}`;
};

/** Console's field selector for the events of one object (ResourceEventStream). */
export const eventsFieldSelector = (resource: K8sResourceCommon): string =>
  [
    resource.metadata?.uid ? `involvedObject.uid=${resource.metadata.uid}` : null,
    `involvedObject.name=${resource.metadata?.name ?? ''}`,
    `involvedObject.kind=${resource.kind ?? ''}`,
  ]
    .filter((part): part is string => part !== null)
    .join(',');

export interface EventLike extends K8sResourceCommon {
  lastTimestamp?: string | null;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  series?: { lastObservedTime?: string };
}

/** When an event last happened (core/v1 events fill different fields depending on the writer). */
export const eventTime = (event: EventLike): string | undefined =>
  event.series?.lastObservedTime ??
  event.lastTimestamp ??
  event.eventTime ??
  event.firstTimestamp ??
  event.metadata?.creationTimestamp ??
  undefined;

/** Newest first, as console's event stream shows them. */
export const sortEventsNewestFirst = <E extends EventLike>(events: E[]): E[] =>
  [...events].sort((a, b) => Date.parse(eventTime(b) ?? '') - Date.parse(eventTime(a) ?? '') || 0);

/**
 * The URL a HorizontalNav's tab links start from: the location without the part the enclosing
 * splat route (`useParams()['*']`) matched.
 */
export const tabBase = (pathname: string, rest: string): string => {
  const restSegments = rest.split('/').filter(Boolean).length;
  const segments = pathname.replace(/\/+$/, '').split('/');
  return segments.slice(0, segments.length - restSegments).join('/') || '/';
};

/** A tab's href as one path element: console strips a leading slash. */
export const tabHref = (href: string | undefined): string => (href ?? '').replace(/^\//, '');

/**
 * The page a URL's rest after the enclosing route (`useParams()['*']`) selects: by `path` (a
 * route pattern) when the page has one, else by its first path element against `href`
 * (decoded); undefined for an unknown tab.
 */
export const selectPage = <P extends { href?: string; path?: string }>(
  pages: P[],
  rest: string,
): P | undefined => {
  const first = decodeURIComponent(rest.split('/')[0] ?? '');
  return pages.find((page) =>
    page.path
      ? matchPath({ path: `/${tabHref(page.path)}`, end: true }, `/${rest}`) !== null
      : tabHref(page.href) === first,
  );
};

/**
 * The route params console spreads into a tab's props, without the names React keeps for itself
 * (a plugin route may name a param `key` or `ref`; they stay readable in `params`).
 */
export const spreadableParams = (
  params: Record<string, string | undefined>,
): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(params).filter(([name]) => name !== 'key' && name !== 'ref'));

/** `group~version~Kind` of an object, to match `console.tab/horizontalNav` models. */
export const referenceForObject = (resource: K8sResourceCommon | undefined): string =>
  resource?.kind ? modelKeyFor(resource.apiVersion, resource.kind) : '';

/** `group~version~Kind` of an extension's `{group?, version, kind}` model (no group: core). */
export const referenceForExtensionModel = (model: {
  group?: string;
  version?: string;
  kind: string;
}): string => `${model.group?.length ? model.group : 'core'}~${model.version ?? ''}~${model.kind}`;

/**
 * useActiveNamespace: the namespace in a `/k8s/ns/<ns>/...` URL wins; otherwise the last one
 * chosen (all namespaces until then).
 */
export const namespaceFromPath = (pathname: string): string | undefined => {
  const match = /^\/k8s\/ns\/([^/]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
};

/** Where setting the active namespace moves a namespaced list or details URL (else null). */
export const pathForNamespace = (pathname: string, namespace: string): string | null => {
  const all = namespace === ALL_NAMESPACES_KEY;
  const namespaced = /^\/k8s\/ns\/[^/]+\/(.*)$/.exec(pathname);
  if (namespaced) {
    const rest = namespaced[1] ?? '';
    // A details page has no all-namespaces form: go to the list.
    const [ref = ''] = rest.split('/');
    return all ? `/k8s/all-namespaces/${ref}` : `/k8s/ns/${encodeURIComponent(namespace)}/${rest}`;
  }
  const allNamespaces = /^\/k8s\/all-namespaces\/(.*)$/.exec(pathname);
  if (allNamespaces && !all)
    return `/k8s/ns/${encodeURIComponent(namespace)}/${allNamespaces[1] ?? ''}`;
  return null;
};
