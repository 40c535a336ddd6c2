// <isi-export>: the whole answer as YAML or JSON (copy or download), and the spec as it would be
// sent, ready for `oc create -f`.

import { stringify } from 'yaml';
import { download, h, replaceChildren, uid } from './dom.js';

/** @typedef {import('../lib/api.js').ImportedImageStreamImport} ImportedImageStreamImport */
/** @typedef {import('../lib/api.js').ImageStreamImport} ImageStreamImport */

export class ExportView extends HTMLElement {
  /**
   * {answer, spec: the decoded, defaulted ImageStreamImport}
   * @param {{ answer: ImportedImageStreamImport, spec?: ImageStreamImport }} model
   */
  set model({ answer, spec }) {
    this.className = 'card';
    const name = answer?.metadata?.name || spec?.metadata?.name || 'imagestreamimport';
    /** @type {Record<string, () => string>} the text of each form, by file name */
    const forms = {
      'answer.yaml': () => stringify(answer, { lineWidth: 0 }),
      'answer.json': () => `${JSON.stringify(answer, null, 2)}\n`,
      'spec.yaml': () => stringify(specForCreate(spec), { lineWidth: 0 }),
    };
    /** @type {Record<string, string>} */
    const labels = { 'answer.yaml': 'Answer (YAML)', 'answer.json': 'Answer (JSON)', 'spec.yaml': 'Spec for oc create -f' };
    const areaId = uid('export');
    const area = h('textarea', { id: areaId, class: 'mono', rows: 12, readOnly: true, spellcheck: false });
    const picker = h('select', { attrs: { 'aria-label': 'What to export' }, on: { change: () => show() } },
      Object.keys(forms).map((k) => h('option', { value: k, text: labels[k] })));
    const show = () => { area.value = forms[picker.value](); };
    show();
    replaceChildren(this,
      h('header', {}, h('h3', { text: 'Export' })),
      h('div', { class: 'form-row' },
        picker,
        h('button', { type: 'button', class: 'secondary', text: 'Copy', on: { click: () => navigator.clipboard.writeText(area.value).catch(() => area.select()) } }),
        h('button', { type: 'button', class: 'secondary', text: 'Download', on: { click: () => download(`${name}-${picker.value}`, area.value, picker.value.endsWith('.json') ? 'application/json' : 'application/yaml') } })),
      h('label', { class: 'sr-only', attrs: { for: areaId }, text: 'Exported text' }),
      area);
  }
}

// The spec as `oc create -f` sends it: no status, no server-filled metadata.
/** @param {ImageStreamImport | undefined} spec */
function specForCreate(spec) {
  if (!spec) return {};
  const { name, namespace, labels, annotations } = spec.metadata ?? {};
  const metadata = Object.fromEntries(Object.entries({ name, namespace, labels, annotations }).filter(([, v]) => v !== undefined));
  return { apiVersion: spec.apiVersion ?? 'image.openshift.io/v1', kind: 'ImageStreamImport', metadata, spec: spec.spec };
}
