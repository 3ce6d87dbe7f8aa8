export { WAREHOUSE_DDL, WAREHOUSE_SCHEMA_VERSION, MISSIONS_DDL, QUARANTINE_DDL, IMPORTS_DDL, TIME_COLUMNS, CALL_TYPES, URGENCIES, UNIT_TYPES, QUARANTINE_REASONS, type TimeColumn, type CallType, type UnitType, type QuarantineReason } from "./schema/schema.js";
export { EXTRACT_COLUMNS, REQUIRED_EXTRACT_COLUMNS, type ExtractColumn } from "./schema/extract.js";
export { openWarehouse, Warehouse, WarehouseError, DEFAULT_WAREHOUSE_PATH, type OpenWarehouseOptions } from "./warehouse.js";
export { extractRows, extractCsvChunks, type ExtractRow, type ExtractSource } from "./export/exporter.js";
export { LocalTimeFormatter } from "./export/local-time.js";
