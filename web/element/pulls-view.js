// <isi-pulls>: what a node of each platform would download for the imported tags, layers shared
// across tags (and an index's entries) counted once.

import { formatBytes, h, replaceChildren, table } from './dom.js';

export class PullsView extends HTMLElement {
  /**
   * explain().pulls
   * @param {import('../lib/api.js').PlatformPull[]} pulls
   */
  set model(pulls) {
    this.className = 'card';
    replaceChildren(this,
      h('header', {}, h('h3', { text: 'What each node pulls' })),
      h('p', { class: 'muted', text: 'Per platform: the layers and configs of the image each imported tag resolves to there, each distinct layer counted once. An image that is not a list is counted for the platforms of its architecture (the import keeps no OS for it).' }),
      table(['Platform', 'Tags and images', 'Distinct layers', 'Download', 'Without sharing'], pulls.map((p) => [
        h('code', { class: 'mono', text: p.platform }),
        String(p.tags.length),
        String(p.layerCount),
        h('strong', { text: formatBytes(p.bytes) }),
        formatBytes(p.bytesIfNotShared),
      ]), { caption: 'Compressed bytes a node downloads' }));
  }
}
