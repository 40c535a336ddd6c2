// The parts of <isimport-preview> that its first validation does not need: the CORS help, the
// supply-chain panel, the views of an answer and the editor's search, with what only they use. The element imports this module once its first validation is shown, so that opening
// a page waits only for the editor, the form, the diagnostics and the validation module; bundlers
// make it a chunk of its own. Defining its elements is left to defineLaterParts(): importing the
// module has no side effect (package.json's `sideEffects` names index.js alone).

import { CorsHelp } from './cors-help.js';
import { ResultView } from './result-view.js';
import { ImageCard } from './image-card.js';
import { RepositoryView } from './repository-view.js';
import { StreamView } from './stream-view.js';
import { PullsView } from './pulls-view.js';
import { ExportView } from './export-view.js';
import { SupplyPanel } from './supply-panel.js';
import { SupplyInputs } from './supply-inputs.js';
import { SupplyChainView } from './supply-chain-view.js';
import { ArtifactList } from './artifact-list.js';

export { CorsHelp, ResultView, SupplyPanel };
export { adoptLaterStyles } from './later-styles.js';
export { probeRegistry } from '../lib/import-driver.js';
export { inputProblems, problemOf, tally } from './supply-model.js';
// The editor's search (its keys open the panel), which no first look at a spec needs.
export { searchKeymap } from '@codemirror/search';

const ELEMENTS = {
  'isi-cors-help': CorsHelp,
  'isi-result': ResultView,
  'isi-image-card': ImageCard,
  'isi-repository': RepositoryView,
  'isi-stream': StreamView,
  'isi-pulls': PullsView,
  'isi-export': ExportView,
  'isi-supply-panel': SupplyPanel,
  'isi-supply-inputs': SupplyInputs,
  'isi-supply-chain': SupplyChainView,
  'isi-artifact-list': ArtifactList,
};

/** Defines these parts' elements (each once: the element may ask again). */
export function defineLaterParts() {
  // Inner parts first: the outer ones construct them.
  for (const [name, constructor] of Object.entries(ELEMENTS).reverse()) {
    if (!customElements.get(name)) customElements.define(name, constructor);
  }
}
