export * from './types';
export * from './model';
export * from './quantity';
export * from './labelSelector';
export * from './models';
