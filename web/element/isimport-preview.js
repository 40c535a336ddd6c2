// <isimport-preview>: edit an ImageStreamImport, see it validated as the API server would as you
// type, import it from the browser and read the answer. Framework-free; everything lives in its
// shadow root, styled by CSS custom properties (--isi-*).
//
//   <isimport-preview spec="…yaml…" proxy-prefix="…" concurrency="6" platform="linux/amd64" readonly>
//   el.spec = text; el.credentials = dockerConfig; el.currentImageStream = text; el.fetch = fn;
//   await el.import(); el.cancel(); el.validation
//   el.result = answer;   // any ImageStreamImport answer (importPreview()'s or a cluster's), shown as it is
//   el.publicKeys = [pem]; el.imagePolicies = [yaml]; await el.supplyChain(); el.supply
//   events: validate, progress, done, supplychain (detail: the JS API's objects)
//
// The page (web/app) is this element and nothing else of its own but the URL fragment.
//
// Its first validation is shown with the spec in a plain text area, the diagnostics and the import
// panel (which says why Import is off) only; the core's compile starts before these are made.
// Right after it come the form and the panel's defaults, then CodeMirror, which
// takes the text area's place (spec-editor.js, code-editor.js), the `yaml` package, and the CORS
// help, the supply-chain panel, the answer's views and the editor's search (later-parts.js), into
// places kept for them. Until they are there, what is set is kept; an import starts without them,
// a supply-chain run waits for them.
//
// The `yaml` package: the core is loaded without it (YAML_ON_DEMAND) since JSON and plain block
// YAML (most specs) are read without it. A text that needs it before it has come is not answered
// from a reading that could not be made: the validation is dropped (yamlMisses() tells), the
// package imported, and the text validated again when it is there; meanwhile Import waits. The
// form reads plain block YAML without it too, and its edits of YAML wait for it.

import { load } from '../lib/isimport.js';
import { YAML_ON_DEMAND, yamlMisses, yamlModule } from '../lib/yaml-reader.js';
import { status, validationFailure } from '../lib/status.js';
import { afterNextPaint, h } from './dom.js';
import { IsimportDoneEvent, IsimportProgressEvent, IsimportSupplyChainEvent, IsimportValidateEvent } from './events.js';
import { adoptStyles } from './styles.js';
import { followHostTheme } from './host-theme.js';
import { applyEdit, readSpec, STARTER_SPEC, yamlPending } from './spec-text.js';
import { SpecEditor } from './spec-editor.js';
import { SpecForm } from './spec-form.js';
import { DiagnosticsList } from './diagnostics-list.js';
import { ImportPanel } from './import-panel.js';

/** @typedef {import('../lib/api.js').Isimport} Isimport */
/** @typedef {import('../lib/api.js').ValidateResult} ValidateResult */
/** @typedef {import('../lib/api.js').ImportResult} ImportResult */
/** @typedef {import('../lib/api.js').ImageStream} ImageStream */
/** @typedef {import('../lib/api.js').ImageStreamImport} ImageStreamImport */
/** @typedef {import('../lib/api.js').DockerConfigJson} DockerConfigJson */
/** @typedef {import('../lib/api.js').DockerConfigSecret} DockerConfigSecret */
/** @typedef {import('../lib/api.js').FetchLike} FetchLike */
/** @typedef {import('../lib/api.js').SupplyChain} SupplyChain */
/** @typedef {import('./import-panel.js').ImportSettings} ImportSettings */
/** @typedef {import('./cors-help.js').CorsModel} CorsModel */
/** @typedef {typeof import('./later-parts.js')} LaterModule */
/** @template {keyof import('./events.js').PartEventDetails} K @typedef {import('./events.js').PartEvent<K>} PartEvent */
/**
 * The parts the first validation is shown with, made when the element is first connected.
 * @typedef {{ form: SpecForm, editor: SpecEditor, diagnostics: DiagnosticsList, panel: ImportPanel }} Parts
 */
/**
 * The parts that come after it (later-parts.js), and that module.
 * @typedef {{ cors: import('./cors-help.js').CorsHelp, supply: import('./supply-panel.js').SupplyPanel, result: import('./result-view.js').ResultView, module: LaterModule }} Later
 */
/**
 * How the answer shown came to be: the settings and spec of the import (an answer set from
 * outside has neither), how long it took, whether it was cancelled.
 * @typedef {{ settings?: Partial<ImportSettings>, spec?: ImageStreamImport, elapsedMs?: number, cancelled?: boolean }} ResultRun
 */

/** @type {Promise<Isimport> | null} */
let loading = null; // one core per page, loaded on first use, without the YAML reader (see above)
const core = () => (loading ??= load(/** @type {import('../lib/api.js').LoadOptions} */ ({ [YAML_ON_DEMAND]: true })));

/** @type {Promise<LaterModule> | null} */
let laterLoading = null; // the later parts, once per page (asked again after a failure)
const laterParts = () => (laterLoading ??= import('./later-parts.js').then((module) => {
  module.defineLaterParts();
  return module;
}, (error) => {
  laterLoading = null;
  throw error;
}));

/** @typedef {import('./index.js').IsimportPreview} Declared the class as index.d.ts declares it */

/** @implements {Declared} */
export class IsimportPreview extends HTMLElement {
  static observedAttributes = ['spec', 'proxy-prefix', 'concurrency', 'platform', 'readonly', 'proxy-hint'];

  #text = STARTER_SPEC;
  /** @type {Isimport | null} */
  #isi = null;
  /** @type {ValidateResult | null} */
  #validation = null;
  /** @type {ImportResult | null} */
  #result = null;
  /** @type {{ controller: AbortController } | null} */
  #running = null;
  /** @type {DockerConfigJson | DockerConfigSecret | string | null} */
  #credentials = null;
  /** @type {ImageStream | string | null} */
  #currentImageStream = null;
  /** @type {FetchLike | undefined} */
  #fetch = undefined;
  /** @type {Partial<ImportSettings> | null} the settings of the import whose answer is shown (null: set from outside) */
  #importSettings = null;
  /** @type {{ controller: AbortController } | null} */
  #supplyRun = null;
  /** @type {{ answer: ImportResult, chain: SupplyChain, policiesGiven: boolean } | null} the last run, and the answer it is about */
  #supply = null;
  /** @type {string[]} keys an embedding page gives (never rendered) */
  #publicKeys = [];
  /** @type {Array<object | string>} policies an embedding page gives (never rendered) */
  #imagePolicies = [];
  #inputsChecked = 0; // which check of the keys and policies is the latest
  #validateQueued = false;
  /** @type {Promise<void> | null} the `yaml` package, while the text waits for it */
  #yamlComing = null;
  #unvalidated = false; // the text has not been validated (it waits for the `yaml` package)
  #firstShown = false; // a validation has been shown (#afterFirstValidation has run)
  #formShown = false; // the form shows the spec (from the first validation on, or when the core fails)
  #defaultsSet = false; // the import panel has the core's defaults
  /** @type {Parts | null} */
  #parts = null;
  /** @type {Later | null} */
  #later = null;
  /** @type {Promise<Later> | null} the later parts being put in place */
  #laterComing = null;
  /** @type {Record<'cors' | 'supply' | 'result', HTMLElement> | null} where they go */
  #slots = null;
  #internals = this.attachInternals();
  #stopFollowingTheme = () => {};
  /** @type {ShadowRoot} */
  #root;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: false });
    this.#root = root;
    adoptStyles(root);
  }

  disconnectedCallback() {
    this.#stopFollowingTheme();
  }

  connectedCallback() {
    this.#stopFollowingTheme = followHostTheme(this.#internals, this.ownerDocument);
    if (this.#parts) return;
    // The core first: its module is fetched and compiled off this thread while the parts are
    // made and laid out below, rather than after them.
    const coreLoaded = core();
    const p = {
      form: new SpecForm(),
      editor: new SpecEditor(),
      diagnostics: new DiagnosticsList(),
      panel: new ImportPanel(),
    };
    this.#parts = p;
    // Each later part's place, empty until it comes (#attachLater). The import panel is not one
    // of them: it says why Import is off, and coming later it would push the form down.
    const slots = { cors: h('div'), supply: h('div'), result: h('div') };
    this.#slots = slots;
    const spec = this.getAttribute('spec');
    if (spec !== null) this.#text = spec;
    p.editor.text = this.#text;
    const root = this.#root;
    root.append(h('div', { class: 'layout' },
      h('section', { class: 'edit', attrs: { 'aria-labelledby': 'isi-spec-heading' } },
        h('h2', { id: 'isi-spec-heading', text: 'ImageStreamImport' }),
        p.editor,
        p.diagnostics,
        p.panel,
        h('details', { class: 'form-wrap', open: true }, h('summary', { text: 'Form' }), p.form)),
      h('section', { class: 'results', attrs: { 'aria-labelledby': 'isi-result-heading' } },
        h('h2', { id: 'isi-result-heading', text: 'What the cluster would import' }),
        slots.cors,
        slots.supply,
        slots.result)));
    p.panel.configure({
      proxyPrefix: this.getAttribute('proxy-prefix'),
      platform: this.getAttribute('platform'),
      concurrency: Number(this.getAttribute('concurrency')) || undefined,
    });
    this.#applyReadonly();

    // The parts' events (events.js): each a CustomEvent of its type's detail.
    root.addEventListener('spec-text', (e) => this.#setText(/** @type {PartEvent<'spec-text'>} */ (e).detail.text, 'editor'));
    root.addEventListener('spec-edit', (e) => {
      const edit = /** @type {PartEvent<'spec-edit'>} */ (e).detail;
      // Edits of YAML wait for the package, in their order (each edits the text the last one left).
      if (this.#yamlComing || yamlPending(this.#text)) this.#awaitYaml().then(() => this.#applyEdit(edit));
      else this.#applyEdit(edit);
    });
    root.addEventListener('goto', (e) => {
      const { line, column } = /** @type {PartEvent<'goto'>} */ (e).detail;
      p.editor.focusAt(line, column);
    });
    root.addEventListener('import-start', () => this.import());
    root.addEventListener('import-cancel', () => this.cancel());
    root.addEventListener('supply-start', () => { this.supplyChain(); });
    root.addEventListener('supply-cancel', () => this.#supplyRun?.controller.abort());
    root.addEventListener('supply-inputs', () => { this.#checkSupplyInputs(); });
    root.addEventListener('use-proxy', (e) => {
      p.panel.proxyPrefix = /** @type {PartEvent<'use-proxy'>} */ (e).detail.prefix;
      this.import();
    });

    p.diagnostics.result = null;
    coreLoaded.then((isi) => {
      this.#isi = isi;
      this.#validate(); // the first validation, shown with the parts there are (then #afterFirstValidation)
    }, (error) => {
      p.panel.blockedReason = `The validator could not be loaded: ${error?.message ?? error}`;
      this.#startForm();
      this.#attachLater().catch(() => {}); // the answer's place, as ever
    });
  }

  /**
   * What comes once the first validation is shown (a text that waited for the `yaml` package is
   * shown when it came), so that the first validation waits for none of it: the form, the import
   * panel's defaults, CodeMirror in the text area's place (should it not come, the text area
   * stays), the `yaml` package (which the form's edits of YAML need), the later parts (a failure
   * is said in the panel).
   * @param {Parts} p
   */
  #afterFirstValidation(p) {
    this.#firstShown = true;
    // The form and the panel's defaults after the frame that shows the validation: making the
    // form costs about as much as the validation itself, and it sits below everything else in
    // its column; the defaults are the core's first call after it.
    afterNextPaint(() => {
      this.#setDefaults();
      this.#startForm();
    });
    p.editor.upgrade().catch((error) => console.warn('isimport: the code editor could not be loaded; the spec stays in a plain text area', error));
    yamlModule().catch(() => {}); // asked for again by a text that needs it
    this.#attachLater().catch(() => {});
  }

  /**
   * The later parts, imported once and put in their places; what was set meanwhile (an answer,
   * an import running, the reason the supply chain cannot run) is shown in them as if they had
   * been there all along.
   * @returns {Promise<Later>}
   */
  #attachLater() {
    const parts = this.#parts;
    const slots = this.#slots;
    if (!parts || !slots) return Promise.reject(new Error('isimport: not connected yet'));
    return this.#laterComing ??= laterParts().then((module) => {
      module.adoptLaterStyles(this.#root); // before they are in place: they never show unstyled
      const later = { cors: new module.CorsHelp(), supply: new module.SupplyPanel(), result: new module.ResultView(), module };
      later.cors.hidden = true;
      slots.cors.replaceWith(later.cors);
      slots.supply.replaceWith(later.supply);
      slots.result.replaceWith(later.result);
      this.#later = later;
      parts.editor.laterKeymap = module.searchKeymap;
      if (this.#running) later.result.clear('Importing…');
      else if (this.#result && this.#isi) this.#showResult();
      else if (this.#result) later.result.clear('Loading…');
      later.supply.blockedReason = this.#supplyBlockedReason();
      return later;
    }, (error) => {
      // Said where Import says why it is off; the next import asked for tries again.
      this.#laterComing = null;
      parts.panel.blockedReason = `The import could not be loaded: ${error?.message ?? error}`;
      throw error;
    });
  }

  /**
   * @param {string} name
   * @param {string | null} _old
   * @param {string | null} value
   */
  attributeChangedCallback(name, _old, value) {
    if (!this.#parts) return;
    if (name === 'spec' && value !== null && value !== this.#text) this.spec = value;
    else if (name === 'readonly') this.#applyReadonly();
    else if (name === 'proxy-prefix') this.#parts.panel.proxyPrefix = value ?? '';
    else if (name === 'platform' || name === 'concurrency') {
      this.#parts.panel.configure({ platform: this.getAttribute('platform'), concurrency: Number(this.getAttribute('concurrency')) || undefined });
    }
  }

  /**
   * The spec's text (YAML or JSON).
   * @returns {string}
   */
  get spec() { return this.#text; }
  /** @param {string} text (anything else is made text; null and undefined: empty) */
  set spec(text) {
    this.#setText(String(text ?? ''), 'outside');
  }

  /** The last validation (isi.validate()'s result). */
  get validation() { return this.#validation; }

  /**
   * The answer shown: the last import's, or one set from outside; null when there is none.
   * @returns {ImportResult | null}
   */
  get result() { return this.#result; }
  /**
   * Shows an answer without fetching anything: an ImageStreamImport with status as importPreview()
   * or a cluster's `imagestreamimports` API returns it, or a Status the server refused with.
   * null clears it.
   * @param {ImportResult | null | undefined} answer
   */
  set result(answer) {
    if (answer !== null && answer !== undefined && (typeof answer !== 'object' || Array.isArray(answer))) {
      throw new TypeError('result: expected an ImageStreamImport or Status object, or null');
    }
    this.#result = answer ?? null;
    this.#importSettings = null;
    this.#forgetSupply();
    const later = this.#later;
    if (!later) return; // shown when the later parts come
    if (!this.#result) {
      later.result.clear();
      later.supply.blockedReason = this.#supplyBlockedReason();
    } else if (this.#isi) this.#showResult();
    else later.result.clear('Loading…'); // shown once the core is loaded
  }

  /**
   * Credentials an embedding page supplies (as importPreview()'s `credentials`); never rendered, never stored.
   * @param {DockerConfigJson | DockerConfigSecret | string | null | undefined} value
   */
  set credentials(value) { this.#credentials = value ?? null; }

  /**
   * The current ImageStream (object or text), for `import: true`.
   * @param {ImageStream | string | null | undefined} value
   */
  set currentImageStream(value) { this.#currentImageStream = value ?? null; }

  /**
   * The fetch the import uses (default: the page's).
   * @param {FetchLike | undefined} fn
   */
  set fetch(fn) { this.#fetch = typeof fn === 'function' ? fn : undefined; }

  /**
   * Public keys (PEM) an embedding page gives the supply-chain run, beside those typed in the
   * panel; never rendered, never stored.
   * @param {string[] | null | undefined} keys
   */
  set publicKeys(keys) { this.#publicKeys = Array.isArray(keys) ? keys.map(String) : []; }

  /**
   * ClusterImagePolicy / ImagePolicy objects (or their texts) an embedding page gives the
   * supply-chain run, beside those typed in the panel; never rendered, never stored.
   * @param {Array<object | string> | null | undefined} policies
   */
  set imagePolicies(policies) { this.#imagePolicies = Array.isArray(policies) ? [...policies] : []; }

  /**
   * The last supply-chain run's answer, while the answer it is about is shown; else null.
   * @returns {SupplyChain | null}
   */
  get supply() { return this.#supply?.answer === this.#result ? this.#supply?.chain ?? null : null; }

  /**
   * Starts the import of the current spec; resolves to the answer (null if it cannot start).
   * @returns {Promise<ImportResult | null>}
   */
  async import() {
    const p = this.#parts;
    const isi = this.#isi;
    if (this.#running || !p || !isi || this.#unvalidated || !this.#validation?.valid) return null;
    this.#setDefaults(); // (an import asked for by a listener of the first validation comes before them)
    const read = p.panel.settings;
    const refusal = 'error' in read ? read.error : settingsRefusal(isi, read);
    if (refusal !== null || 'error' in read) {
      p.panel.blockedReason = refusal;
      setTimeout(() => { p.panel.blockedReason = this.#blockedReason(); }, 4000);
      return null;
    }
    const settings = read;
    const controller = new AbortController();
    this.#running = { controller };
    this.#forgetSupply();
    p.panel.running = true;
    // The import does not wait for the answer's views (later-parts.js): should they still be
    // coming, they say "Importing…" when they come (#attachLater).
    if (this.#later) {
      this.#later.cors.model = null;
      this.#later.result.clear('Importing…');
    }
    const views = this.#attachLater().catch(() => null); // (a failure is said in the panel)
    /** @type {Map<string, { origins: Set<string>, requests: number }>} */
    const hidden = new Map(); // host → {origins, requests}: requests the browser would not explain
    const started = performance.now();
    /** @type {ImportResult} */
    let answer;
    try {
      answer = await isi.importPreview(this.#text, {
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
      answer = status(400, 'BadRequest', messageOf(error));
    }
    const elapsedMs = performance.now() - started;
    const cancelled = controller.signal.aborted;
    this.#running = null;
    p.panel.running = false;
    p.panel.outcome = `${cancelled ? 'Cancelled' : 'Done'} in ${(elapsedMs / 1000).toFixed(1)} s`;
    this.#result = answer;
    this.#importSettings = settings;
    if (await views) {
      this.#showResult({ settings, spec: this.#validation?.object, elapsedMs, cancelled });
      this.#explainHidden(hidden, answer, settings.proxyPrefix);
    }
    this.dispatchEvent(new IsimportDoneEvent(answer));
    return answer;
  }

  /**
   * Cancels a running import (its requests end as per-image failures; `done` still comes) and a
   * running supply-chain run (what is still running ends as one of its errors).
   */
  cancel() {
    this.#running?.controller.abort();
    this.#supplyRun?.controller.abort();
  }

  /**
   * Looks up what vouches for each image of the answer shown (isi.supplyChain()): with the
   * registry access of the import that made it (fetch, credentials, proxy prefix; for an answer
   * set from outside, the panel's), the keys and policies typed in and those given as
   * properties. Resolves to its answer, shown in the cards; null when it cannot start or a key or
   * policy is refused (said beside the input, or in the panel for the properties').
   * @returns {Promise<SupplyChain | null>}
   */
  async supplyChain() {
    const parts = this.#parts;
    const isi = this.#isi;
    const answer = this.#result;
    if (this.#supplyRun || !parts || !isi || !answer || this.#supplyBlockedReason() !== '') return null;
    const later = this.#later ?? await this.#laterForSupply();
    if (!later) return null;
    const p = { ...parts, ...later };
    const { inputProblems, problemOf } = p.module;
    const controller = new AbortController();
    this.#supplyRun = { controller };
    p.supply.running = true;
    const inputs = p.supply.inputs;
    const keys = inputs.keys;
    const policies = inputs.policies;
    try {
      // Each input alone first, without any request: a refusal is shown beside what caused it.
      const problems = await inputProblems(isi, { keys, policies });
      this.#inputsChecked++;
      inputs.keysProblem = problems.keys;
      inputs.policiesProblem = problems.policies;
      if (problems.keys || problems.policies) {
        p.supply.outcome = 'Not run: a key or a policy was refused (said under it).';
        return null;
      }
      const settings = this.#importSettings ?? panelSettings(p.panel);
      const chain = await isi.supplyChain(answer, {
        fetch: this.#fetch,
        credentials: settings.credentials ?? this.#credentials,
        proxyPrefix: settings.proxyPrefix,
        concurrency: settings.concurrency && settings.concurrency > 0 ? settings.concurrency : undefined,
        keys: [...keys, ...this.#publicKeys],
        policies: [...policies, ...this.#imagePolicies],
        signal: controller.signal,
        onProgress: (progress) => { p.supply.progress = progress; },
      });
      if (this.#result !== answer) return chain; // another answer came meanwhile: this one is not shown
      this.#supply = { answer, chain, policiesGiven: policies.length + this.#imagePolicies.length > 0 };
      p.result.supply = this.#supply;
      p.supply.outcome = outcomeText(chain, controller.signal.aborted, p.module.tally);
      p.supply.errors = chain.errors;
      this.dispatchEvent(new IsimportSupplyChainEvent(chain));
      return chain;
    } catch (error) {
      // The keys and policies typed in were checked above: this is about those given as
      // properties, or a setting.
      p.supply.outcome = `Not run: ${problemOf(error).message}`;
      return null;
    } finally {
      this.#supplyRun = null;
      p.supply.running = false;
    }
  }

  /**
   * The later parts, for a supply-chain run asked for before they came (an answer set from
   * outside, at once): meanwhile the run's place is held, so that a second one is refused and
   * cancel() or a new answer ends the wait. null then, or when they could not be loaded.
   * @returns {Promise<Later | null>}
   */
  async #laterForSupply() {
    const waiting = { controller: new AbortController() };
    this.#supplyRun = waiting;
    try {
      const later = await this.#attachLater();
      return waiting.controller.signal.aborted ? null : later;
    } catch {
      return null;
    } finally {
      this.#supplyRun = null;
    }
  }

  // A change of the keys or policies typed in: each is checked (no request) and its refusal, or
  // none, shown beside it; only the latest check is shown.
  async #checkSupplyInputs() {
    const p = this.#later;
    const isi = this.#isi;
    if (!p || !isi) return;
    const check = ++this.#inputsChecked;
    const inputs = p.supply.inputs;
    const problems = await p.module.inputProblems(isi, { keys: inputs.keys, policies: inputs.policies });
    if (check !== this.#inputsChecked) return;
    inputs.keysProblem = problems.keys;
    inputs.policiesProblem = problems.policies;
  }

  // A new answer (or none): the last run is about another one.
  #forgetSupply() {
    this.#supplyRun?.controller.abort();
    this.#supply = null;
    const p = this.#later;
    if (!p) return;
    p.result.supply = null;
    p.supply.outcome = '';
    p.supply.errors = [];
    p.supply.blockedReason = this.#supplyBlockedReason();
  }

  #supplyBlockedReason() {
    const answer = this.#result;
    if (!this.#isi) return 'Loading…';
    if (!answer) return 'Import first: the supply chain is looked up beside each imported digest.';
    if (answer.kind !== 'ImageStreamImport') return 'The API server would refuse this import: there is no image to look beside.';
    const entries = [...(answer.status?.images ?? []), ...(answer.status?.repository?.images ?? [])];
    if (!entries.some((e) => e.image)) return 'No image was imported: there is no digest to look beside.';
    return '';
  }

  // The answer of #result, read for a person (isi.explain() adds the facts: platforms, tag rules,
  // pulls, stream changes) under the settings the import ran with, or the panel's for an answer
  // set from outside, which is also its own spec for the export.
  /** @param {ResultRun} [run] */
  #showResult(run = {}) {
    const parts = this.#parts;
    const p = this.#later;
    const isi = this.#isi;
    const answer = this.#result;
    if (!parts || !p || !isi || !answer) return; // called again once all are there
    // The panel's settings when they cannot be used: none (explain()'s defaults).
    const { settings = panelSettings(parts.panel), spec = answer.kind === 'ImageStreamImport' ? answer : undefined, elapsedMs, cancelled } = run;
    /** @type {import('../lib/api.js').ImportFacts | null} */
    let facts = null;
    try {
      facts = isi.explain(answer, { platform: settings.platform, maxTagsPerRepository: settings.maxTagsPerRepository, currentImageStream: settings.currentImageStream ?? this.#currentImageStream });
    } catch (error) {
      console.warn('isimport: cannot explain the answer', error);
    }
    p.result.model = { answer, facts, spec, elapsedMs, cancelled };
    // Drawn again (the core loaded, the element reconnected): the run about this answer still holds.
    if (this.#supply?.answer === answer) p.result.supply = this.#supply;
    p.supply.blockedReason = this.#supplyBlockedReason();
  }

  // Only hosts that a failure of the answer names: an https attempt that fell back to http, or a
  // request that was retried and then answered, is no trouble.
  /**
   * @param {Map<string, { origins: Set<string>, requests: number }>} hidden
   * @param {ImportResult} answer
   * @param {string} proxyPrefix
   */
  #explainHidden(hidden, answer, proxyPrefix) {
    const p = this.#later;
    if (!p) return;
    const messages = failureMessages(answer);
    const troubled = [...hidden].filter(([host]) => messages.some((m) => m.includes(host)));
    /** @type {CorsModel} */
    const model = {
      // Each host's last origin (a host is in `hidden` with at least one).
      origins: troubled.map(([, { origins, requests }]) => ({ origin: /** @type {string} */ ([...origins].at(-1)), requests, probe: 'probing' })),
      pageOrigin: location.origin,
      proxyHint: this.getAttribute('proxy-hint') ?? '',
      proxyPrefix,
    };
    const cors = p.cors;
    cors.model = model;
    const { probeRegistry } = p.module;
    Promise.all(model.origins.map(async (o) => { o.probe = await probeRegistry(o.origin, { fetch: this.#fetch }); }))
      .then(() => { cors.model = model; });
  }

  /**
   * @param {string} text
   * @param {'editor' | 'form' | 'outside'} from
   */
  #setText(text, from) {
    this.#text = text;
    const p = this.#parts;
    if (!p) return; // not connected yet: shown, and validated, when it is
    if (from !== 'editor') p.editor.text = text;
    this.#showForm(); // also after the form's own edits: adding or removing an image changes its shape
    this.#queueValidate();
  }

  /** The form from now on (#showForm draws it only then). */
  #startForm() {
    this.#formShown = true;
    this.#showForm();
  }

  #showForm() {
    if (!this.#formShown) return;
    const read = readSpec(this.#text);
    if (read.pending) this.#awaitYaml(); // shown again when it comes
    this.#parts?.form.show(read.error ? null : read.object, read.error ?? '');
  }

  /** @param {import('./events.js').SpecEdit} edit */
  #applyEdit(edit) {
    if (yamlPending(this.#text)) return; // the package could not be loaded (said in the panel)
    const next = applyEdit(this.#text, edit);
    if (next !== null) this.#setText(next, 'form');
  }

  /**
   * The `yaml` package, for a text that needs it before it has come: imported once, then the
   * text is shown in the form and, if its validation was dropped, validated again. Should it not come, the panel says so (and the
   * next text that needs it asks again).
   * @returns {Promise<void>}
   */
  #awaitYaml() {
    return this.#yamlComing ??= yamlModule().then(() => {
      this.#yamlComing = null;
      this.#showForm();
      if (this.#unvalidated) this.#validate();
    }, (error) => {
      this.#yamlComing = null;
      const p = this.#parts;
      if (!p) return;
      p.panel.blockedReason = `The YAML reader could not be loaded: ${messageOf(error)}`;
      if (this.#isi && !this.#firstShown) this.#afterFirstValidation(p); // the rest comes all the same
    });
  }

  /** The core's defaults in the import panel's empty settings, once. */
  #setDefaults() {
    if (this.#defaultsSet || !this.#isi || !this.#parts) return;
    this.#defaultsSet = true;
    this.#parts.panel.defaults = this.#isi.options('importPreview');
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
    const p = this.#parts;
    if (!this.#isi || !p) return;
    /** @type {ValidateResult} */
    let result;
    const misses = yamlMisses();
    try {
      result = this.#isi.validate(this.#text);
    } catch (error) {
      // validate() does not throw for any text (a trap in the core is its own 500 answer, with
      // no diagnostics): should it ever, the same answer.
      result = validationFailure('ImageStreamImport', status(500, 'InternalError', messageOf(error)));
    }
    if (yamlMisses() !== misses) {
      // The text needs the `yaml` package, not here yet: this answer is not the text's. What is
      // shown stays until the text is validated again, when the package has come; Import waits.
      this.#unvalidated = true;
      p.panel.blockedReason = this.#blockedReason();
      this.#awaitYaml();
      return;
    }
    this.#unvalidated = false;
    this.#validation = result;
    p.diagnostics.result = result;
    p.editor.diagnostics = result.diagnostics;
    p.panel.blockedReason = this.#blockedReason();
    this.dispatchEvent(new IsimportValidateEvent(result));
    if (!this.#firstShown) this.#afterFirstValidation(p);
  }

  #blockedReason() {
    const v = this.#validation;
    if (this.#isi && this.#unvalidated) return 'Loading the YAML reader…';
    if (!this.#isi || !v) return 'Loading the validator…';
    if (v.valid && v.kind !== 'ImageStreamImport') return `Import takes an ImageStreamImport; this is ${v.apiVersion ? `${v.apiVersion} ` : ''}${v.kind}`;
    if (v.valid) return '';
    const errors = (v.diagnostics ?? []).filter((d) => d.severity !== 'warning');
    const first = errors[0]?.message ?? v.status?.message ?? 'the spec is invalid';
    return `Import is off until the spec is valid: ${errors.length > 1 ? `${errors.length} errors, the first: ` : ''}${first}`;
  }

  #applyReadonly() {
    const p = this.#parts;
    if (!p) return;
    const readonly = this.hasAttribute('readonly');
    p.editor.readonly = readonly;
    p.form.readonly = readonly;
  }
}

/**
 * The panel's settings, or none when they cannot be used (an {error}).
 * @param {ImportPanel} panel
 * @returns {Partial<ImportSettings>}
 */
function panelSettings(panel) {
  const settings = panel.settings;
  return 'error' in settings ? {} : settings;
}

/**
 * What was thrown, as text: its message when it has one.
 * @param {unknown} error
 */
function messageOf(error) {
  const message = typeof error === 'object' && error !== null ? /** @type {{ message?: unknown }} */ (error).message : undefined;
  return String(message ?? error);
}

// Every failure message of an answer: the refusal, each image's, the repository's and its tags'.
/**
 * @param {ImportResult} answer
 * @returns {string[]}
 */
function failureMessages(answer) {
  if (answer?.kind !== 'ImageStreamImport') return [answer?.message ?? ''];
  const statuses = [
    ...(answer.status?.images ?? []).map((i) => i.status),
    answer.status?.repository?.status,
    ...(answer.status?.repository?.images ?? []).map((i) => i.status),
  ];
  return statuses.filter((st) => st && st.status !== 'Success').map((st) => st?.message ?? '');
}

/**
 * A supply-chain run's outcome in one line.
 * @param {SupplyChain} chain
 * @param {boolean} cancelled
 * @param {LaterModule['tally']} tally supply-model.js's, which comes with the later parts
 */
function outcomeText(chain, cancelled, tally) {
  const t = tally(chain);
  const decisions = { admit: 0, deny: 0, 'not-evaluated': 0 };
  for (const s of chain.subjects) if (s.policy) decisions[s.policy.decision]++;
  const policy = decisions.admit + decisions.deny + decisions['not-evaluated']
    ? `; policy: ${decisions.admit} admit, ${decisions.deny} deny, ${decisions['not-evaluated']} not evaluated`
    : '';
  return `${cancelled ? 'Cancelled. ' : ''}${t.subjects} image${t.subjects === 1 ? '' : 's'}: ${t.artifacts} artifact${t.artifacts === 1 ? '' : 's'} found ` +
    `(${t.verified} verified, ${t.failed} failed, ${t.unverified} unverified)${policy}` +
    `${t.errors ? `; ${t.errors} error${t.errors === 1 ? '' : 's'}` : ''}`;
}

// The panel's labels of the settings the core may refuse.
const SETTING_LABELS = /** @type {Record<string, string>} */ ({
  concurrency: 'Requests at once', maxTagsPerRepository: 'Tags per repository', platform: 'The platform', proxyPrefix: 'The proxy prefix',
});

/**
 * What the core says of the panel's settings, in the panel's words; null when it takes them.
 * @param {import('../lib/api.js').Isimport} isi
 * @param {import('./import-panel.js').ImportSettings} settings
 * @returns {string | null}
 */
function settingsRefusal(isi, { proxyPrefix, platform, concurrency, maxTagsPerRepository }) {
  try {
    isi.options('importPreview', { proxyPrefix, platform, concurrency, maxTagsPerRepository });
    return null;
  } catch (error) {
    const { option, expected, message } = /** @type {import('../lib/api.js').OptionsError} */ (error);
    const label = option === undefined ? undefined : SETTING_LABELS[option];
    return label && expected ? `${label} must be ${expected}` : String(message).replace(/^isimport: /, '');
  }
}
