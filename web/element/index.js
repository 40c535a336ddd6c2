// isimport/element: defines <isimport-preview> and the parts it is made of.
//
//   import 'isimport/element';
//   <isimport-preview spec="apiVersion: image.openshift.io/v1…"></isimport-preview>

import { IsimportPreview } from './isimport-preview.js';
import { SpecEditor } from './spec-editor.js';
import { SpecForm } from './spec-form.js';
import { DiagnosticsList } from './diagnostics-list.js';
import { ImportPanel } from './import-panel.js';
import { CredentialsPanel } from './credentials-panel.js';
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

export { IsimportPreview };
export { IsimportDoneEvent, IsimportProgressEvent, IsimportSupplyChainEvent, IsimportValidateEvent } from './events.js';

const ELEMENTS = {
  'isimport-preview': IsimportPreview,
  'isi-spec-editor': SpecEditor,
  'isi-spec-form': SpecForm,
  'isi-diagnostics': DiagnosticsList,
  'isi-import-panel': ImportPanel,
  'isi-credentials': CredentialsPanel,
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

// The parts first: <isimport-preview> constructs them.
for (const [name, constructor] of Object.entries(ELEMENTS).reverse()) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
