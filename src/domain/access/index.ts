// The access layer: roles, the role → permission table, data scopes and record-level checks.
export * from './roles.ts';
export * from './permissions.ts';
export * from './scope.ts';
export * from './checks.ts';
