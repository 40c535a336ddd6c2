// <isi-stream>: `import: true` — the ImageStream as it would be after the import (spec and status
// tags, their events and conditions), and, when the current one was given, what changes, tag by tag.

import { stringify } from 'yaml';
import { h, replaceChildren, table } from './dom.js';

/** @typedef {import('../lib/api.js').ImageStream} ImageStream */
/** @typedef {NonNullable<import('../lib/api.js').ImportFacts['stream']>} StreamFacts */

export class StreamView extends HTMLElement {
  /**
   * {stream: ImageStream (status.import), facts: explain().stream}
   * @param {{ stream: ImageStream, facts: StreamFacts }} model
   */
  set model({ stream, facts }) {
    this.className = 'card';
    const rows = facts.tags.map((t) => ({
      className: t.state,
      cells: [
        h('code', { class: 'mono', text: t.tag }),
        h('span', { class: t.failed ? 'badge bad' : t.state === 'unchanged' ? 'muted' : 'badge ok', text: t.failed ? 'import failed' : t.state }),
        t.changes.length ? h('ul', { class: 'plain' }, t.changes.map((c) => h('li', { class: 'server-text', text: c }))) : '',
        h('code', { class: 'mono digest', text: t.status?.items?.[0]?.image ?? '' }),
      ],
    }));
    replaceChildren(this,
      h('header', {}, h('h3', { text: `ImageStream ${stream.metadata?.namespace ?? ''}/${stream.metadata?.name ?? ''} after the import` })),
      h('p', { class: 'note', text: facts.againstCurrent
        ? `${facts.changedCount} of ${facts.tags.length} tags change against the current ImageStream you gave.`
        : 'Computed against a new ImageStream (paste the current one under the settings to see what changes).' }),
      table(['Tag', 'Change', 'What changes', 'Image'], rows, { caption: 'Tags' }),
      h('details', { class: 'stream-yaml' },
        h('summary', { text: 'The whole ImageStream (YAML)' }),
        h('pre', { class: 'mono block', text: stringify(stream, { lineWidth: 0 }) })));
  }
}
