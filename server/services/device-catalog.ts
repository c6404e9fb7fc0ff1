// The catalog devices measure: the apps and their domains, with a version for cheap refreshes.
export { getDeviceCatalog as deviceCatalog } from '../queries/apps.ts';
