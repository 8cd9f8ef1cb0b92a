export * from './core.ts';
export * from './enterprises.ts';
export * from './audit.ts';
export * from './assessment.ts';
export * from './assessment-sign-off.ts';
export * from './applications.ts';
export * from './funds.ts';
export * from './diagnosis.ts';
