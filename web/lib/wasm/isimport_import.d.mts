// The import module's glue (web/lib/wasm/isimport_import.mjs, written by the build from
// wasm/import_bindings.cpp): its factory. What the module holds is declared beside the driver
// that uses it (import-driver.js, ImportEngine).
declare const createIsimportImport: (moduleArgs?: object) => Promise<import('../import-driver.js').ImportEngine>;
export default createIsimportImport;
