// The inventory's public surface: endpoints from specs and code, cross-check findings, reports.
export { WorkspaceInventory, type InventoryRequest, type InventoryResult } from './workspaceInventory';
export type { AuthMode, AuthVerdict, CodeRouteRef, Endpoint, Inventory, InventorySpec, SpecOperationRef } from './model';
export { pathKey, displayPath } from './paths';
