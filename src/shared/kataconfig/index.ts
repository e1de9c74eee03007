/** The KataConfig contract: wire types, names, CRD, status derivation and user-facing state. */
export * from './constants';
export * from './types';
export * from './models';
export * from './crd';
export * from './accessors';
export * from './statusDerivation';
export * from './userState';
export * from './rolloutPool';
