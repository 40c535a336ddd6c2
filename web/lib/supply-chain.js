// supplyChain()'s run (docs/supply-chain.md §9): the import module's SupplySession finds what
// vouches for each image through the same request driver as an import (import-driver.js), then
// hands over the signature checks it prepared; WebCrypto makes them (signature-checks.js), and the
// core turns what held into verdicts and policy decisions.

import { coreFailure, driveSession, step } from './import-driver.js';
import { verifyChecks } from './signature-checks.js';

/**
 * One lookup in the core (wasm/boundary/supply_session.h): start() and feed() answer a SupplyState,
 * checks() the SupplyChecks, answer(heldJson) the SupplyChain answer.
 * @typedef {import('./import-driver.js').RequestSession & {checks: () => string, answer: (heldJson: string) => string}} SupplySession
 */

/**
 * The import module as this uses it: its SupplySession class (wasm/import_bindings.cpp).
 * @typedef {object} SupplyEngine
 * @property {new (answerText: string, optionsJson: string) => SupplySession} SupplySession
 */

/**
 * Runs one lookup to the end: the answer, or a Status (a policy the API server would refuse, or a
 * failure of the core, marked `trap`).
 * @param {SupplyEngine} engine
 * @param {string} answerText the ImageStreamImport with status, as JSON
 * @param {string} optionsJson supplyChain()'s options as JSON (the session reads them again)
 * @param {import('./import-driver.js').DriverIo} io
 * @returns {Promise<import('./boundary.js').SupplyChain | import('./import-driver.js').DriverAnswer>}
 */
export async function runSupplyChain(engine, answerText, optionsJson, io) {
  /** @type {SupplySession} */
  let session;
  try {
    session = new engine.SupplySession(answerText, optionsJson);
  } catch (error) {
    return coreFailure('SupplySession()', error);
  }
  return driveSession(session, io, async () => {
    const checks = step(() => session.checks(), 'checks()');
    if (checks.failed) return checks.failed;
    const held = await verifyChecks(/** @type {import('./boundary.js').SupplyChecks} */ (checks.value));
    const answer = step(() => session.answer(JSON.stringify(held)), 'answer()');
    return answer.failed ?? /** @type {import('./boundary.js').SupplyChain} */ (answer.value);
  });
}
