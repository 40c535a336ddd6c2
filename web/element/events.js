// The events <isimport-preview> sends, each carrying the same object the JS API returns. They
// bubble and cross shadow roots (composed), so a console can listen on any ancestor.

/** After every validation of the spec: `detail` is isi.validate()'s result. */
export class IsimportValidateEvent extends Event {
  constructor(result) {
    super('validate', { bubbles: true, composed: true });
    this.detail = result;
  }
}

/** While an import runs: `detail` is importPreview()'s onProgress object. */
export class IsimportProgressEvent extends Event {
  constructor(progress) {
    super('progress', { bubbles: true, composed: true });
    this.detail = progress;
  }
}

/** When an import ends (also when cancelled): `detail` is importPreview()'s answer. */
export class IsimportDoneEvent extends Event {
  constructor(answer) {
    super('done', { bubbles: true, composed: true });
    this.detail = answer;
  }
}

/** Between the parts of the element (not composed: they stay inside its shadow root). */
export const partEvent = (type, detail) => new CustomEvent(type, { bubbles: true, detail });
