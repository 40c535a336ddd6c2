// Documents shared by the tests of the JS API. Bodies are what a client would POST with
// Content-Type: application/json to /apis/image.openshift.io/v1/namespaces/NS/imagestreamimports.

export const MiB = 1024 * 1024;

/** A well-formed ImageStreamImport: decodes cleanly in Strict mode. */
export function goodImport() {
  return {
    kind: 'ImageStreamImport',
    apiVersion: 'image.openshift.io/v1',
    metadata: { name: 'demo', namespace: 'default', labels: { app: 'demo' } },
    spec: {
      import: false,
      images: [
        {
          from: { kind: 'DockerImage', name: 'registry.example.com/team/app:1.0' },
          to: { name: '1.0' },
          importPolicy: { insecure: false, importMode: 'Legacy' },
          referencePolicy: { type: 'Source' },
          includeManifest: true,
        },
      ],
      repository: { from: { kind: 'DockerImage', name: 'registry.example.com/team/tools' } },
    },
  };
}

export const goodText = () => JSON.stringify(goodImport());

/** goodImport() as JSON text with `extra` spliced in as the last top-level member(s). */
export function goodWith(extra) {
  const text = goodText();
  return `${text.slice(0, -1)},${extra}}`;
}

/** Asserts the contract's failure shape and returns the Status. */
export function expectFailure(assert, result, { code, reason } = {}) {
  assert.equal(typeof result, 'object', 'decode returns an object');
  assert.ok(result !== null, 'decode returns an object, not null');
  assert.equal(result.ok, false, `expected ok:false, got ${JSON.stringify(result).slice(0, 300)}`);
  assert.equal(typeof result.kind, 'string', 'kind is a string');
  assert.equal(result.object, undefined, 'a failed decode has no object');
  assert.ok(Array.isArray(result.warnings), 'warnings is an array');
  const s = result.status;
  assert.equal(typeof s, 'object', 'a failed decode carries a Status');
  assert.equal(s.kind, 'Status');
  assert.equal(s.apiVersion, 'v1');
  assert.equal(s.status, 'Failure');
  assert.equal(typeof s.code, 'number');
  assert.ok(s.code >= 400 && s.code < 600, `HTTP error code, got ${s.code}`);
  assert.equal(typeof s.reason, 'string');
  assert.ok(s.reason.length > 0, 'reason is not empty');
  assert.equal(typeof s.message, 'string');
  assert.ok(s.message.length > 0, 'message is not empty');
  if (code !== undefined) assert.equal(s.code, code, `code for: ${s.message}`);
  if (reason !== undefined) assert.equal(s.reason, reason, `reason for: ${s.message}`);
  return s;
}

/** Asserts the contract's success shape and returns the decoded object. */
export function expectSuccess(assert, result, kind = 'ImageStreamImport') {
  assert.equal(typeof result, 'object');
  assert.equal(result.ok, true, `expected ok:true, got ${JSON.stringify(result).slice(0, 500)}`);
  assert.equal(result.kind, kind);
  assert.equal(typeof result.object, 'object');
  assert.ok(result.object !== null);
  assert.ok(Array.isArray(result.warnings), 'warnings is an array');
  assert.ok(result.warnings.every((w) => typeof w === 'string'), 'warnings are strings');
  assert.equal(result.status, undefined, 'a successful decode has no status');
  return result.object;
}
