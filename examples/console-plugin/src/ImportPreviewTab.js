// "Import preview" tab on an ImageStream's page. It asks the cluster what an import of the
// stream's DockerImage tags would bring in (an ImageStreamImport with import: false, which
// stores nothing) and shows the answer with isimport's preview, which then fetches no registry.
// Plain JavaScript without JSX: React.createElement, so the build needs no compiler.
import * as React from 'react';
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { IsimportPreview } from 'isimport/react';

const h = React.createElement;

/** The ImageStreamImport that previews `stream`'s tags, or null when it has nothing to import. */
export function importSpecFor(stream) {
  const { name, namespace } = stream.metadata;
  const tags = (stream.spec?.tags ?? []).filter((tag) => tag.from?.kind === 'DockerImage' && tag.from.name);
  const spec = { import: false };
  if (tags.length > 0) {
    spec.images = tags.map((tag) => {
      const image = { from: { kind: 'DockerImage', name: tag.from.name }, to: { name: tag.name } };
      if (tag.importPolicy) image.importPolicy = tag.importPolicy;
      if (tag.referencePolicy) image.referencePolicy = tag.referencePolicy;
      return image;
    });
  } else if (stream.spec?.dockerImageRepository) {
    spec.repository = { from: { kind: 'DockerImage', name: stream.spec.dockerImageRepository } };
  } else {
    return null;
  }
  return { apiVersion: 'image.openshift.io/v1', kind: 'ImageStreamImport', metadata: { name, namespace }, spec };
}

/** Where the console's API proxy takes an ImageStreamImport for `namespace`. */
export const importUrl = (namespace) =>
  `/api/kubernetes/apis/image.openshift.io/v1/namespaces/${encodeURIComponent(namespace)}/imagestreamimports`;

export default function ImportPreviewTab({ obj }) {
  // The request as text: the console hands a new `obj` on every watch event, and only a change
  // of the request itself asks the cluster again.
  const specText = React.useMemo(() => {
    const isi = obj ? importSpecFor(obj) : null;
    return isi ? JSON.stringify(isi, null, 2) : '';
  }, [obj]);
  const [answer, setAnswer] = React.useState({ result: undefined, error: null });

  React.useEffect(() => {
    if (!specText) return undefined;
    const isi = JSON.parse(specText);
    let live = true;
    setAnswer({ result: undefined, error: null });
    consoleFetchJSON
      .post(importUrl(isi.metadata.namespace), isi)
      .then((result) => live && setAnswer({ result, error: null }))
      .catch((error) => live && setAnswer({ result: undefined, error }));
    return () => {
      live = false;
    };
  }, [specText]);

  if (!obj) return null;
  if (!specText) {
    return h('div', { className: 'co-m-pane__body' },
      'This image stream has no tag from a DockerImage and no spec.dockerImageRepository: there is nothing to import.');
  }
  return h('div', { className: 'co-m-pane__body' },
    answer.error &&
      h('p', { role: 'alert' }, `The cluster did not answer the import: ${answer.error.message ?? answer.error}`),
    !answer.result && !answer.error && h('p', { role: 'status' }, 'Asking the cluster…'),
    h(IsimportPreview, { spec: specText, readOnly: true, result: answer.result }),
  );
}
