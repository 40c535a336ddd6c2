// What the library needs from its host anywhere but Node (the default condition of `#host`):
// nothing. Browsers and bundlers fetch the package's files by URL, and the YAML reader is
// imported up front by load(). The names mirror host/node.js, so one import serves both.

/** @type {null | ((url: URL) => Promise<Uint8Array>)} */
export const readFileBytes = null;

/** @type {null | ((url: URL) => string)} */
export const readFileText = null;

/** @type {null | (() => () => unknown)} */
export const yamlRequirer = null;
