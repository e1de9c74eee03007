export * from './kataPods';
export * from './overheadRules';
