/** MCO rollout logic: the contract, pool counts, per-node phase, pool progress, ETA, oc assessments. */
export * from './constants';
export type * from './types';
export * from './models';
export * from './nodeState';
export * from './poolMembership';
export * from './poolCounts';
export * from './nodePhase';
export * from './maxUnavailable';
export * from './poolProgress';
export * from './rolloutEta';
export * from './upgradeStatusAssessment';
export * from './rolloutView';
