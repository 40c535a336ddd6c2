// The validation module's glue (web/lib/wasm/isimport_validation.mjs, written by the build from
// wasm/validation_bindings.cpp): its factory. What the module holds is declared beside the calls
// that use it (core-abi.js, ValidationModule).
declare const createIsimportValidation: (moduleArgs?: object) => Promise<import('../core-abi.js').ValidationModule>;
export default createIsimportValidation;
