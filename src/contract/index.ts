export * from './ids.ts';
export * from './json-text.ts';
export * from './model.ts';
export * from './channels.ts';
export * from './exec.ts';
export * from './statistics.ts';
export * from './timeline.ts';
export * from './validate.ts';
export type * from './api.ts';
