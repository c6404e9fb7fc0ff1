// The wire contract of the public API v1: zod schemas and their types, shared with the extension and dashboard.
// One module per area under contract/; import from here.

export * from './contract/alerts.ts';
export * from './contract/auth.ts';
export * from './contract/connectors.ts';
export * from './contract/device-me.ts';
export * from './contract/devices.ts';
export * from './contract/inventory.ts';
export * from './contract/people.ts';
export * from './contract/person-export.ts';
export * from './contract/primitives.ts';
export * from './contract/privacy.ts';
export * from './contract/procurement.ts';
export * from './contract/reconciliation.ts';
export * from './contract/spend.ts';
