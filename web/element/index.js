// isimport/element: defines <isimport-preview> and the parts it is made of at first (the editor, a
// plain text area until its first validation, the diagnostics, the import panel, and the form,
// which shows the spec from just after that validation on). CodeMirror
// (code-editor.js), the `yaml` package and the other parts (later-parts.js) are imported, and the
// latter defined, by the element once that validation is shown.
//
//   import 'isimport/element';
//   <isimport-preview spec="apiVersion: image.openshift.io/v1…"></isimport-preview>

import { IsimportPreview } from './isimport-preview.js';
import { SpecEditor } from './spec-editor.js';
import { SpecForm } from './spec-form.js';
import { DiagnosticsList } from './diagnostics-list.js';
import { ImportPanel } from './import-panel.js';
import { CredentialsPanel } from './credentials-panel.js';

export { IsimportPreview };
export { IsimportDoneEvent, IsimportProgressEvent, IsimportSupplyChainEvent, IsimportValidateEvent } from './events.js';

const ELEMENTS = {
  'isimport-preview': IsimportPreview,
  'isi-spec-editor': SpecEditor,
  'isi-spec-form': SpecForm,
  'isi-diagnostics': DiagnosticsList,
  'isi-import-panel': ImportPanel,
  'isi-credentials': CredentialsPanel,
};

// The parts first: <isimport-preview> constructs them.
for (const [name, constructor] of Object.entries(ELEMENTS).reverse()) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
