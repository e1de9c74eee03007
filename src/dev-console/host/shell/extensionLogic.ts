/**
 * The pure parts of how console renders `console.model-metadata`, `console.page/route`,
 * `console.dashboards/card` and `console.action/resource-provider`, kept apart so they can be
 * unit-tested without a browser.
 */
import type { Action, K8sModel } from '@openshift-console/dynamic-plugin-sdk';

export interface ModelMetadataProperties {
  model: { group: string; version?: string; kind?: string };
  badge?: string;
  color?: string;
  label?: string;
  labelPlural?: string;
  abbr?: string;
}

/** Console turns the extension's `ModelBadge` into the model's `BadgeType` text. */
const BADGES: Record<string, string> = { tech: 'Tech Preview', dev: 'Dev Preview' };

const groupOf = (model: K8sModel): string => model.apiGroup ?? 'core';
const sameGroup = (wanted: string, model: K8sModel): boolean =>
  (wanted === '' ? 'core' : wanted) === groupOf(model);

/**
 * Console's model metadata: every extension whose group (and version and kind, when given)
 * names the model applies, the more specific ones last; `badge` and `color` apply to the whole
 * group, `label`, `labelPlural` and `abbr` only when the extension names a kind.
 */
export const applyModelMetadata = (
  models: K8sModel[],
  metadata: ModelMetadataProperties[],
): K8sModel[] => {
  if (metadata.length === 0) return models;
  const specificity = (m: ModelMetadataProperties) =>
    (m.model.version ? 1 : 0) + (m.model.kind ? 2 : 0);
  const sorted = [...metadata].sort((a, b) => specificity(a) - specificity(b));
  return models.map((model) => {
    let result = model;
    for (const meta of sorted) {
      const { group, version, kind } = meta.model;
      if (!sameGroup(group, model)) continue;
      if (version && version !== model.apiVersion) continue;
      if (kind && kind !== model.kind) continue;
      const badge = meta.badge ? BADGES[meta.badge] : undefined;
      if (badge) result = Object.assign({}, result, { badge });
      result = {
        ...result,
        ...(meta.color ? { color: meta.color } : {}),
        ...(kind && meta.label ? { label: meta.label } : {}),
        ...(kind && meta.labelPlural ? { labelPlural: meta.labelPlural } : {}),
        ...(kind && meta.abbr ? { abbr: meta.abbr } : {}),
      };
    }
    return result;
  });
};

export type CardPosition = 'LEFT' | 'MAIN' | 'RIGHT';

export interface CardLike {
  tab: string;
  position: CardPosition;
  span?: number;
}

/** Console's dashboard grid: the tab's cards by column, each column in extension order. */
export const dashboardColumns = <T extends CardLike>(
  cards: T[],
  tab: string,
): Record<CardPosition, T[]> => {
  const columns: Record<CardPosition, T[]> = { LEFT: [], MAIN: [], RIGHT: [] };
  for (const card of cards) if (card.tab === tab) columns[card.position].push(card);
  return columns;
};

const firstKnown = (ref: string | string[] | undefined, ids: string[]): string | undefined =>
  (Array.isArray(ref) ? ref : ref ? [ref] : []).find((id) => ids.includes(id));

/**
 * Console's `orderExtensionBasedOnInsertBeforeAfter` for actions: items without a reference keep
 * their order; then each item is placed before its `insertBefore` (which wins) or after its
 * `insertAfter`, taking the first id of an array that exists.
 */
export const orderActions = (actions: Action[]): Action[] => {
  const ids = actions.map((a) => a.id);
  const placed = actions.filter(
    (a) => !firstKnown(a.insertBefore, ids) && !firstKnown(a.insertAfter, ids),
  );
  let pending = actions.filter((a) => !placed.includes(a));
  for (let round = 0; pending.length > 0 && round <= actions.length; round += 1) {
    const next: Action[] = [];
    for (const action of pending) {
      const placedIds = placed.map((a) => a.id);
      const before = firstKnown(action.insertBefore, placedIds);
      const after = before ? undefined : firstKnown(action.insertAfter, placedIds);
      if (before) placed.splice(placedIds.indexOf(before), 0, action);
      else if (after) placed.splice(placedIds.indexOf(after) + 1, 0, action);
      else next.push(action);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  return [...placed, ...pending];
};

/**
 * The React Router paths of a `console.page/route`: one per path; without `exact` a route also
 * matches everything below it (console's prefix match).
 */
export const routePaths = (path: string | string[], exact: boolean | undefined): string[] =>
  (Array.isArray(path) ? path : [path]).map((p) => (exact ? p : `${p.replace(/\/+$/, '')}/*`));
