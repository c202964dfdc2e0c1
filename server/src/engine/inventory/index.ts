// The inventory's public surface: endpoints from specs and code, cross-check findings, reports.
export { WorkspaceInventory, type InventoryRequest, type InventoryResult } from './workspaceInventory';
export type {
  AuthMode,
  AuthVerdict,
  CodeRouteRef,
  Endpoint,
  Inventory,
  InventorySpec,
  SpecOperationRef,
} from './model';
export { pathKey, displayPath } from './paths';
export { inventoryReport, ENDPOINT_STATUSES, type InventoryReport, type EndpointStatus } from './report/reportModel';
export { formatInventoryCsv, formatInventoryMarkdown, formatInventoryTable } from './report/textFormats';
export { formatInventoryHtml } from './report/htmlFormat';
