export * from './kataPods';
export * from './overheadRules';
export * from './overheadEdit';
