// Shadow IT as the API reads it: apps in use without a subscription (a plain read of the usage rollups).
export { listDiscoveredApps } from '../queries/discovered.ts';
