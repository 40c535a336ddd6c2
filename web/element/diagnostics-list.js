// <isi-diagnostics>: what the API server would answer for the spec, as a list: the Status message,
// then each cause with its line and column (a button that moves the editor there) and the
// "did you mean" hint. Sends `goto` ({line, column}).

import { h, replaceChildren } from './dom.js';
import { partEvent } from './events.js';

/** @typedef {import('../lib/api.js').ValidateResult} ValidateResult */
/** @typedef {import('../lib/api.js').Diagnostic} Diagnostic */

export class DiagnosticsList extends HTMLElement {
  connectedCallback() {
    this.setAttribute('role', 'region');
    this.setAttribute('aria-label', 'Validation');
  }

  /**
   * isi.validate()'s result, or null while nothing is validated yet.
   * @param {ValidateResult | null} result
   */
  set result(result) {
    if (!result) {
      replaceChildren(this, h('p', { class: 'muted', text: 'Loading the validator…' }));
      return;
    }
    const diagnostics = result.diagnostics ?? [];
    const errors = diagnostics.filter((d) => d.severity !== 'warning');
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    const headline = result.skipped
      ? h('p', { class: 'verdict skipped', text: `Skipped: ${result.reason}` })
      : result.valid
      ? h('p', { class: 'verdict ok', text: warnings.length ? `Valid, with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : 'Valid: the API server would accept this spec' })
      : h('p', { class: 'verdict bad' },
        h('span', { class: 'status-code', text: `${result.status?.code ?? ''} ${result.status?.reason ?? ''}`.trim() }), ' ',
        h('span', { class: 'server-text', text: result.status?.message ?? 'invalid' }));
    const item = (/** @type {Diagnostic} */ d) => {
      const { line } = d;
      return h('li', { class: d.severity === 'warning' ? 'warning' : 'error' },
        line !== undefined && Number.isInteger(line)
          ? h('button', {
            type: 'button',
            class: 'link position',
            text: `${line}:${d.column ?? 1}`,
            attrs: { 'aria-label': `Go to line ${line}, column ${d.column ?? 1}` },
            on: { click: () => this.dispatchEvent(partEvent('goto', { line, column: d.column ?? 1 })) },
          })
          : null,
        h('span', { class: 'server-text', text: d.message }),
        d.hint ? h('span', { class: 'hint', text: `${d.hint}` }) : null);
    };
    replaceChildren(this,
      headline,
      errors.length || warnings.length
        ? h('ul', { class: 'diagnostics' }, errors.map(item), warnings.map(item))
        : null);
  }
}
