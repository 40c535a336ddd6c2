// <isimport-preview>: edit an ImageStreamImport, see it validated as the API server would as you
// type, import it from the browser and read the answer. Framework-free; everything lives in its
// shadow root, styled by CSS custom properties (--isi-*).
//
//   <isimport-preview spec="…yaml…" proxy-prefix="…" concurrency="6" platform="linux/amd64" readonly>
//   el.spec = text; el.credentials = dockerConfig; el.currentImageStream = text; el.fetch = fn;
//   await el.import(); el.cancel(); el.validation
//   el.result = answer;   // any ImageStreamImport answer (importPreview()'s or a cluster's), shown as it is
//   events: validate, progress, done (detail: the JS API's objects)
//
// The page (web/app) is this element and nothing else of its own but the URL fragment.

import { load } from '../lib/isimport.js';
import { probeRegistry } from '../lib/import-driver.js';
import { h } from './dom.js';
import { IsimportDoneEvent, IsimportProgressEvent, IsimportValidateEvent } from './events.js';
import { adoptStyles } from './styles.js';
import { followHostTheme } from './host-theme.js';
import { applyEdit, readSpec, STARTER_SPEC } from './spec-text.js';
import { SpecEditor } from './spec-editor.js';
import { SpecForm } from './spec-form.js';
import { DiagnosticsList } from './diagnostics-list.js';
import { ImportPanel } from './import-panel.js';
import { CorsHelp } from './cors-help.js';
import { ResultView } from './result-view.js';

let loading = null; // one core per page, loaded on first use
const core = () => (loading ??= load());

export class IsimportPreview extends HTMLElement {
  static observedAttributes = ['spec', 'proxy-prefix', 'concurrency', 'platform', 'readonly', 'proxy-hint'];

  #text = STARTER_SPEC;
  #isi = null;
  #validation = null;
  #result = null;
  #running = null; // {controller}
  #credentials = null;
  #currentImageStream = null;
  #fetch = undefined;
  #validateQueued = false;
  #parts = null;
  #internals = this.attachInternals();
  #stopFollowingTheme = () => {};

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: false });
    adoptStyles(root);
  }

  disconnectedCallback() {
    this.#stopFollowingTheme();
  }

  connectedCallback() {
    this.#stopFollowingTheme = followHostTheme(this.#internals, this.ownerDocument);
    if (this.#parts) return;
    const p = {
      form: new SpecForm(),
      editor: new SpecEditor(),
      diagnostics: new DiagnosticsList(),
      panel: new ImportPanel(),
      cors: new CorsHelp(),
      result: new ResultView(),
    };
    this.#parts = p;
    if (this.hasAttribute('spec')) this.#text = this.getAttribute('spec');
    p.editor.text = this.#text;
    p.cors.hidden = true;
    this.shadowRoot.append(h('div', { class: 'layout' },
      h('section', { class: 'edit', attrs: { 'aria-labelledby': 'isi-spec-heading' } },
        h('h2', { id: 'isi-spec-heading', text: 'ImageStreamImport' }),
        p.editor,
        p.diagnostics,
        p.panel,
        h('details', { class: 'form-wrap', open: true }, h('summary', { text: 'Form' }), p.form)),
      h('section', { class: 'results', attrs: { 'aria-labelledby': 'isi-result-heading' } },
        h('h2', { id: 'isi-result-heading', text: 'What the cluster would import' }),
        p.cors,
        p.result)));
    p.panel.configure({
      proxyPrefix: this.getAttribute('proxy-prefix'),
      platform: this.getAttribute('platform'),
      concurrency: Number(this.getAttribute('concurrency')) || undefined,
    });
    this.#applyReadonly();

    this.shadowRoot.addEventListener('spec-text', (e) => this.#setText(e.detail.text, 'editor'));
    this.shadowRoot.addEventListener('spec-edit', (e) => {
      const next = applyEdit(this.#text, e.detail);
      if (next !== null) this.#setText(next, 'form');
    });
    this.shadowRoot.addEventListener('goto', (e) => p.editor.focusAt(e.detail.line, e.detail.column));
    this.shadowRoot.addEventListener('import-start', () => this.import());
    this.shadowRoot.addEventListener('import-cancel', () => this.cancel());
    this.shadowRoot.addEventListener('use-proxy', (e) => {
      p.panel.proxyPrefix = e.detail.prefix;
      this.import();
    });

    this.#showForm();
    p.diagnostics.result = null;
    if (this.#result) p.result.clear('Loading…');
    core().then((isi) => {
      this.#isi = isi;
      this.#validate();
      if (this.#result) this.#showResult();
    }, (error) => {
      p.panel.blockedReason = `The validator could not be loaded: ${error?.message ?? error}`;
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (!this.#parts) return;
    if (name === 'spec' && value !== null && value !== this.#text) this.spec = value;
    else if (name === 'readonly') this.#applyReadonly();
    else if (name === 'proxy-prefix') this.#parts.panel.proxyPrefix = value ?? '';
    else if (name === 'platform' || name === 'concurrency') {
      this.#parts.panel.configure({ platform: this.getAttribute('platform'), concurrency: Number(this.getAttribute('concurrency')) || undefined });
    }
  }

  /** The spec's text (YAML or JSON). */
  get spec() { return this.#text; }
  set spec(text) {
    this.#setText(String(text ?? ''), 'outside');
  }

  /** The last validation (isi.validate()'s result). */
  get validation() { return this.#validation; }

  /** The answer shown: the last import's, or one set from outside; null when there is none. */
  get result() { return this.#result; }
  /**
   * Shows an answer without fetching anything: an ImageStreamImport with status as importPreview()
   * or a cluster's `imagestreamimports` API returns it, or a Status the server refused with.
   * null clears it.
   */
  set result(answer) {
    if (answer !== null && answer !== undefined && (typeof answer !== 'object' || Array.isArray(answer))) {
      throw new TypeError('result: expected an ImageStreamImport or Status object, or null');
    }
    this.#result = answer ?? null;
    if (!this.#parts) return; // shown when connected
    if (!this.#result) this.#parts.result.clear();
    else if (this.#isi) this.#showResult();
    else this.#parts.result.clear('Loading…'); // shown once the core is loaded
  }

  /** Credentials an embedding page supplies (as importPreview()'s `credentials`); never rendered, never stored. */
  set credentials(value) { this.#credentials = value ?? null; }

  /** The current ImageStream (object or text), for `import: true`. */
  set currentImageStream(value) { this.#currentImageStream = value ?? null; }

  /** The fetch the import uses (default: the page's). */
  set fetch(fn) { this.#fetch = typeof fn === 'function' ? fn : undefined; }

  /** Starts the import of the current spec; resolves to the answer (null if it cannot start). */
  async import() {
    if (this.#running || !this.#isi || !this.#validation?.valid) return null;
    const p = this.#parts;
    const settings = p.panel.settings;
    if (settings.error) {
      p.panel.blockedReason = settings.error;
      setTimeout(() => { p.panel.blockedReason = this.#blockedReason(); }, 4000);
      return null;
    }
    const controller = new AbortController();
    this.#running = { controller };
    p.panel.running = true;
    p.cors.model = null;
    p.result.clear('Importing…');
    const hidden = new Map(); // host → {origins, requests}: requests the browser would not explain
    const started = performance.now();
    let answer;
    try {
      answer = await this.#isi.importPreview(this.#text, {
        fetch: this.#fetch,
        credentials: settings.credentials ?? this.#credentials,
        currentImageStream: settings.currentImageStream ?? this.#currentImageStream,
        proxyPrefix: settings.proxyPrefix,
        platform: settings.platform,
        concurrency: settings.concurrency,
        maxTagsPerRepository: settings.maxTagsPerRepository,
        signal: controller.signal,
        onProgress: (progress) => {
          p.panel.progress = progress;
          this.dispatchEvent(new IsimportProgressEvent(progress));
        },
        onRequestFailure: ({ url, hidden: isHidden }) => {
          if (!isHidden) return;
          const { host, origin } = new URL(url);
          const entry = hidden.get(host) ?? { origins: new Set(), requests: 0 };
          entry.origins.add(origin);
          entry.requests++;
          hidden.set(host, entry);
        },
      });
    } catch (error) {
      answer = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400, message: String(error?.message ?? error) };
    }
    const elapsedMs = performance.now() - started;
    const cancelled = controller.signal.aborted;
    this.#running = null;
    p.panel.running = false;
    p.panel.outcome = `${cancelled ? 'Cancelled' : 'Done'} in ${(elapsedMs / 1000).toFixed(1)} s`;
    this.#result = answer;
    this.#showResult({ settings, spec: this.#validation?.object, elapsedMs, cancelled });
    this.#explainHidden(hidden, answer, settings.proxyPrefix);
    this.dispatchEvent(new IsimportDoneEvent(answer));
    return answer;
  }

  /** Cancels a running import (its requests end as per-image failures; `done` still comes). */
  cancel() {
    this.#running?.controller.abort();
  }

  // The answer of #result, read for a person (isi.explain() adds the facts: platforms, tag rules,
  // pulls, stream changes) under the settings the import ran with, or the panel's for an answer
  // set from outside, which is also its own spec for the export.
  #showResult({ settings = this.#parts.panel.settings, spec = this.#result?.kind === 'ImageStreamImport' ? this.#result : undefined, elapsedMs, cancelled } = {}) {
    const answer = this.#result;
    let facts = null;
    try {
      facts = this.#isi.explain(answer, { platform: settings.platform, maxTagsPerRepository: settings.maxTagsPerRepository, currentImageStream: settings.currentImageStream ?? this.#currentImageStream });
    } catch (error) {
      console.warn('isimport: cannot explain the answer', error);
    }
    this.#parts.result.model = { answer, facts, spec, elapsedMs, cancelled };
  }

  // Only hosts that a failure of the answer names: an https attempt that fell back to http, or a
  // request that was retried and then answered, is no trouble.
  #explainHidden(hidden, answer, proxyPrefix) {
    const messages = failureMessages(answer);
    const troubled = [...hidden].filter(([host]) => messages.some((m) => m.includes(host)));
    const model = {
      origins: troubled.map(([, { origins, requests }]) => ({ origin: [...origins].at(-1), requests, probe: 'probing' })),
      pageOrigin: location.origin,
      proxyHint: this.getAttribute('proxy-hint') ?? '',
      proxyPrefix,
    };
    const cors = this.#parts.cors;
    cors.model = model;
    Promise.all(model.origins.map(async (o) => { o.probe = await probeRegistry(o.origin, { fetch: this.#fetch }); }))
      .then(() => { cors.model = model; });
  }

  #setText(text, from) {
    this.#text = text;
    if (from !== 'editor') this.#parts.editor.text = text;
    this.#showForm(); // also after the form's own edits: adding or removing an image changes its shape
    this.#queueValidate();
  }

  #showForm() {
    const read = readSpec(this.#text);
    this.#parts.form.show(read.error ? null : read.object, read.error ?? '');
  }

  #queueValidate() {
    if (this.#validateQueued) return;
    this.#validateQueued = true;
    queueMicrotask(() => {
      this.#validateQueued = false;
      this.#validate();
    });
  }

  #validate() {
    if (!this.#isi) return;
    let result;
    try {
      result = this.#isi.validate(this.#text);
    } catch (error) {
      result = { valid: false, causes: [], warnings: [], diagnostics: [{ severity: 'error', message: String(error?.message ?? error) }], status: { message: String(error?.message ?? error) } };
    }
    this.#validation = result;
    const p = this.#parts;
    p.diagnostics.result = result;
    p.editor.diagnostics = result.diagnostics;
    p.panel.blockedReason = this.#blockedReason();
    this.dispatchEvent(new IsimportValidateEvent(result));
  }

  #blockedReason() {
    const v = this.#validation;
    if (!this.#isi || !v) return 'Loading the validator…';
    if (v.valid && v.kind !== 'ImageStreamImport') return `Import takes an ImageStreamImport; this is ${v.apiVersion ? `${v.apiVersion} ` : ''}${v.kind}`;
    if (v.valid) return '';
    const errors = (v.diagnostics ?? []).filter((d) => d.severity !== 'warning');
    const first = errors[0]?.message ?? v.status?.message ?? 'the spec is invalid';
    return `Import is off until the spec is valid: ${errors.length > 1 ? `${errors.length} errors, the first: ` : ''}${first}`;
  }

  #applyReadonly() {
    const readonly = this.hasAttribute('readonly');
    this.#parts.editor.readonly = readonly;
    this.#parts.form.readonly = readonly;
  }
}

// Every failure message of an answer: the refusal, each image's, the repository's and its tags'.
function failureMessages(answer) {
  if (answer?.kind !== 'ImageStreamImport') return [answer?.message ?? ''];
  const statuses = [
    ...(answer.status?.images ?? []).map((i) => i.status),
    answer.status?.repository?.status,
    ...(answer.status?.repository?.images ?? []).map((i) => i.status),
  ];
  return statuses.filter((st) => st && st.status !== 'Success').map((st) => st.message ?? '');
}
