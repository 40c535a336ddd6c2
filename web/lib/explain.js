// What an import's answer means, for a person: the facts a page shows beside the server's answer,
// derived from it (and, for tag order and Legacy list choice, from the core's own rules, passed in
// as `rules` so that no rule is written twice). Pure functions of plain values: no I/O, no DOM.
//
//   explainImport(answer, { rules, platform, maxTagsPerRepository, currentImageStream })
//     → { images: [ImageFacts], repository: RepositoryFacts | null, pulls: [PlatformPull],
//         stream: StreamFacts | null }

/**
 * @typedef {import('./api.js').Image} Image
 * @typedef {import('./api.js').ImageManifest} ImageManifest
 * @typedef {import('./api.js').ImageImportStatus} ImageImportStatus
 * @typedef {import('./api.js').ImageStream} ImageStream
 * @typedef {import('./api.js').TagClass} TagClass
 * @typedef {import('./api.js').TagFacts} TagFacts
 * @typedef {import('./api.js').StreamTagFacts} StreamTagFacts
 */

/**
 * The core's own rules (the instance's methods, passed in by isimport.js).
 * @typedef {Pick<import('./api.js').Isimport, 'prioritizeTags' | 'legacyChoice'>} ExplainRules
 */

const SIGNATURE_TAG = /^sha256-[0-9a-f]{64}(?:\.[A-Za-z0-9_-]+)?$/;
const ROOT_USER = /^(?:|root|0)(?::.*)?$/;
const LIST_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
]);

/**
 * The Image's own facts: identity, layers with their shares, and what its config says.
 * @param {Image | null | undefined} image
 * @returns {import('./api.js').ImageFacts}
 */
export function imageFacts(image) {
  /** @type {Partial<import('./api.js').DockerImageMetadata>} */
  const meta = image?.dockerImageMetadata ?? {};
  const layers = Array.isArray(image?.dockerImageLayers) ? image.dockerImageLayers : [];
  const seen = new Set();
  let layerBytes = 0;
  for (const layer of layers) {
    if (seen.has(layer.name)) continue;
    seen.add(layer.name);
    layerBytes += Number(layer.size) || 0;
  }
  const counted = new Set();
  const layerRows = layers.map((layer) => {
    const size = Number(layer.size) || 0;
    const repeat = counted.has(layer.name);
    counted.add(layer.name);
    return { digest: layer.name, size, mediaType: layer.mediaType, repeat, share: !repeat && layerBytes > 0 ? size / layerBytes : 0 };
  });
  const size = Number(meta.Size) || 0;
  return {
    digest: image?.metadata?.name ?? '',
    pullSpec: image?.dockerImageReference ?? '',
    mediaType: image?.dockerImageManifestMediaType ?? '',
    created: meta.Created ?? null,
    architecture: meta.Architecture ?? '',
    isList: LIST_TYPES.has(image?.dockerImageManifestMediaType ?? '') || (image?.dockerImageManifests?.length ?? 0) > 0,
    size,
    layers: layerRows,
    layerBytes,
    // Size = config bytes + distinct layer bytes (docs/import.md §3.7), so the config's length is the rest.
    configBytes: size > layerBytes ? size - layerBytes : 0,
    config: configFacts(meta.Config),
  };
}

/**
 * Entrypoint, command, environment, ports, volumes, user (and whether it is root), labels.
 * @param {import('./api.js').DockerConfig | null | undefined} config
 * @returns {import('./api.js').ConfigFacts}
 */
export function configFacts(config) {
  /** @type {Partial<import('./api.js').DockerConfig>} */
  const c = config ?? {};
  const user = typeof c.User === 'string' ? c.User : '';
  return {
    entrypoint: c.Entrypoint ?? null,
    cmd: c.Cmd ?? null,
    env: Array.isArray(c.Env) ? c.Env : [],
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    volumes: Object.keys(c.Volumes ?? {}),
    user,
    runsAsRoot: ROOT_USER.test(user),
    workingDir: c.WorkingDir ?? '',
    labels: Object.entries(c.Labels ?? {}),
  };
}

/**
 * The platform table of a list image kept whole (PreserveOriginal): one row per entry, with the
 * child image's compressed size and layer count, and the entry Legacy mode would import instead.
 * @param {ImageImportStatus | null | undefined} imageStatus
 * @param {{rules: ExplainRules, platform?: string}} options
 * @returns {import('./api.js').PlatformTable | null}
 */
export function platformTable(imageStatus, { rules, platform = 'linux/amd64' }) {
  const entries = imageStatus?.image?.dockerImageManifests;
  if (!Array.isArray(entries) || entries.length === 0) return null;
  const children = new Map((imageStatus?.manifests ?? []).map((child) => [child?.metadata?.name, child]));
  const choice = rules.legacyChoice(entries, platform);
  const rows = entries.map((entry, index) => {
    const child = children.get(entry.digest);
    const facts = child ? imageFacts(child) : null;
    return {
      index,
      os: entry.os ?? '',
      architecture: entry.architecture ?? '',
      variant: entry.variant ?? '',
      digest: entry.digest,
      mediaType: entry.mediaType,
      manifestSize: entry.manifestSize,
      compressedSize: facts ? facts.size : null,
      layerCount: facts ? facts.layers.length : null,
      attestation: entry.os === 'unknown' && entry.architecture === 'unknown',
      legacy: choice.index === index,
    };
  });
  return { rows, legacy: { index: choice.index, rule: choice.rule, reason: legacyReason(choice, entries, platform) } };
}

/**
 * @param {import('./api.js').LegacyChoice} choice
 * @param {ImageManifest[]} entries
 * @param {string} platform
 */
function legacyReason(choice, entries, platform) {
  const [os, arch] = platform.split('/');
  /** @type {Partial<ImageManifest>} */
  const entry = entries[choice.index] ?? {};
  const name = `${entry.os}/${entry.architecture}${entry.variant ? `/${entry.variant}` : ''}`;
  if (choice.rule === 'preferred') {
    return `Legacy mode would import ${name}: the first entry for the control plane's ${os}/${arch} (variants are not compared)`;
  }
  if (choice.rule === 'linux/amd64') {
    return `Legacy mode would import ${name}: no entry is for the control plane's ${os}/${arch}, so the first linux/amd64 entry is taken`;
  }
  return `Legacy mode would import ${name}: no entry is for ${os}/${arch} or linux/amd64, so the first entry is taken`;
}

/** @type {Record<TagClass, string>} */
const CLASS_LABELS = { latest: 'latest', minor: 'X.Y version', full: 'full version', other: 'other tag' };
/** @type {Record<TagClass, string>} */
const CLASS_WORDS = {
  latest: 'latest comes first',
  minor: 'an X.Y version: these come next, newest first',
  full: 'a full semantic version: these follow the X.Y ones, newest first',
  other: 'not a version: these come last, in byte order',
};

/**
 * Every tag of a repository import with the rule that put it where it is: its class in OpenShift's
 * priority, its place, and whether the cap cut it (docs/import.md §3.10).
 * @param {import('./api.js').RepositoryImportStatus | null | undefined} repositoryStatus
 * @param {{rules: ExplainRules, maxTagsPerRepository: number}} options
 * @returns {Omit<import('./api.js').RepositoryFacts, 'images'> | null} (explainImport adds the images)
 */
export function repositoryFacts(repositoryStatus, { rules, maxTagsPerRepository }) {
  if (!repositoryStatus) return null;
  const imported = (repositoryStatus.images ?? []).map((i) => i.tag ?? '');
  const additional = repositoryStatus.additionalTags ?? [];
  const ordered = rules.prioritizeTags([...imported, ...additional]);
  const place = new Map(ordered.map((t, i) => [t.tag, { position: i, class: t.class }]));
  const cap = maxTagsPerRepository;
  /** @param {number} position */
  const withinCap = (position) => cap === -1 || position < cap;
  /** @param {string} tag */
  const describe = (tag) => {
    /** @type {{position: number, class: TagClass}} */
    const p = place.get(tag === '' ? 'latest' : tag) ?? { position: -1, class: 'other' };
    return { tag, position: p.position, class: p.class, signature: SIGNATURE_TAG.test(tag) };
  };
  /** @type {TagFacts[]} */
  const tags = (repositoryStatus.images ?? []).map((entry) => {
    const t = describe(entry.tag ?? '');
    const why = withinCap(t.position)
      ? `#${t.position + 1}: ${CLASS_WORDS[t.class]}`
      : `#${t.position + 1}, beyond the cap of ${cap}, but spec.images already imported it in this request: taken from that import`;
    const rule = withinCap(t.position) ? CLASS_LABELS[t.class] : `${CLASS_LABELS[t.class]}, past the cap, from spec.images`;
    return { ...t, imported: true, status: entry.status ?? {}, rule, why };
  });
  for (const tag of additional) {
    const t = describe(tag);
    tags.push({ ...t, imported: false, status: null, rule: `${CLASS_LABELS[t.class]}, past the cap`, why: `#${t.position + 1}: beyond the cap of ${cap} tags (${CLASS_WORDS[t.class]}); listed in additionalTags` });
  }
  return {
    cap,
    total: ordered.length,
    importedCount: imported.length,
    signatureTags: tags.filter((t) => t.signature && t.imported).length,
    tags,
  };
}

/**
 * What a node of each platform would download for the imported tags: the layers of the image it
 * would run for each tag (for a list, the entry of its exact platform), each distinct layer counted
 * once across tags and platforms' own images, plus each image's config.
 * @param {import('./api.js').ImageStreamImport | null | undefined} answer
 * @returns {import('./api.js').PlatformPull[]}
 */
export function nodePulls(answer) {
  /** @typedef {{status: ImageImportStatus & {image: Image}, label: string}} Imported */
  /** @typedef {{platform: string, tags: string[], layers: Map<string, number>, configs: Map<string, number>, naive: number}} Pull */
  const images = [
    ...(answer?.status?.images ?? []).map((s, i) => ({ status: s, label: `spec.images[${i}]` })),
    ...(answer?.status?.repository?.images ?? []).map((s) => ({ status: s, label: `tag ${s.tag}` })),
  ].filter(/** @returns {x is Imported} */ (x) => x.status?.status?.status === 'Success' && Boolean(x.status.image));
  /** @type {Map<string, Pull>} */
  const platforms = new Map();
  /** @param {string} key */
  const note = (key) => {
    let p = platforms.get(key);
    if (p === undefined) platforms.set(key, (p = { platform: key, tags: [], layers: new Map(), configs: new Map(), naive: 0 }));
    return p;
  };
  /** @type {Array<{label: string, image: Image}>} */
  const singles = [];
  for (const { status, label } of images) {
    const entries = status.image.dockerImageManifests;
    if (Array.isArray(entries) && entries.length > 0) {
      const children = new Map((status.manifests ?? []).map((c) => [c?.metadata?.name, c]));
      for (const entry of entries) {
        if (entry.os === 'unknown') continue; // attestations are not pulled to run anything
        const child = children.get(entry.digest);
        if (child) add(note(platformKey(entry)), label, child);
      }
    } else {
      singles.push({ label, image: status.image });
    }
  }
  // An image without a list runs wherever its architecture does; its OS is not kept by the import.
  for (const { label, image } of singles) {
    const arch = image.dockerImageMetadata?.Architecture || 'unknown';
    const matching = [...platforms.values()].filter((p) => p.platform.split('/')[1] === arch);
    if (matching.length === 0) matching.push(note(`linux/${arch}`));
    for (const p of matching) add(p, label, image);
  }
  return [...platforms.values()].map((p) => {
    let layerBytes = 0;
    for (const size of p.layers.values()) layerBytes += size;
    let configBytes = 0;
    for (const size of p.configs.values()) configBytes += size;
    return {
      platform: p.platform,
      tags: p.tags,
      layerCount: p.layers.size,
      bytes: layerBytes + configBytes,
      bytesIfNotShared: p.naive,
    };
  }).sort((a, b) => a.platform.localeCompare(b.platform));

  /**
   * @param {Pull} p
   * @param {string} label
   * @param {Image} image
   */
  function add(p, label, image) {
    const facts = imageFacts(image);
    p.tags.push(label);
    p.naive += facts.size;
    for (const layer of facts.layers) if (!layer.repeat) p.layers.set(layer.digest, layer.size);
    p.configs.set(image.dockerImageMetadata?.Id ?? facts.digest, facts.configBytes);
  }
}

/** @param {Pick<ImageManifest, 'os' | 'architecture' | 'variant'>} entry */
function platformKey(entry) {
  return `${entry.os}/${entry.architecture}${entry.variant ? `/${entry.variant}` : ''}`;
}

/**
 * `import: true`: the ImageStream after the import, and, against the current one, what changes,
 * tag by tag: spec tags added or changed, the image a tag points at, new events, conditions.
 * @param {ImageStream | null | undefined} resultStream
 * @param {ImageStream | null | undefined} currentStream
 * @returns {import('./api.js').ImportFacts['stream']}
 */
export function streamFacts(resultStream, currentStream) {
  if (!resultStream) return null;
  const before = tagIndex(currentStream);
  const after = tagIndex(resultStream);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const tags = names.map(/** @returns {StreamTagFacts} */ (name) => {
    /** @type {StreamTag} */
    const b = before.get(name) ?? {};
    /** @type {StreamTag} */
    const a = after.get(name) ?? {};
    /** @type {string[]} */
    const changes = [];
    if (!b.spec && a.spec) changes.push(`spec tag added, from ${a.spec.from?.kind ?? ''} ${a.spec.from?.name ?? ''}`.trim());
    if (b.spec && a.spec) {
      if (JSON.stringify(b.spec.from) !== JSON.stringify(a.spec.from)) changes.push(`from: ${b.spec.from?.name ?? '(none)'} → ${a.spec.from?.name ?? '(none)'}`);
      if (JSON.stringify(b.spec.importPolicy ?? {}) !== JSON.stringify(a.spec.importPolicy ?? {})) changes.push(`importPolicy: ${JSON.stringify(b.spec.importPolicy ?? {})} → ${JSON.stringify(a.spec.importPolicy ?? {})}`);
      if ((b.spec.referencePolicy?.type ?? '') !== (a.spec.referencePolicy?.type ?? '')) changes.push(`referencePolicy: ${b.spec.referencePolicy?.type || '(none)'} → ${a.spec.referencePolicy?.type || '(none)'}`);
      if ((b.spec.generation ?? null) !== (a.spec.generation ?? null)) changes.push(`spec generation: ${b.spec.generation ?? 'null'} → ${a.spec.generation ?? 'null'}`);
    }
    const bItems = b.status?.items ?? [];
    const aItems = a.status?.items ?? [];
    const bTop = bItems[0];
    const aTop = aItems[0];
    if (aTop && (!bTop || bTop.image !== aTop.image)) {
      changes.push(bTop ? `now ${aTop.image}, was ${bTop.image}` : `now ${aTop.image}`);
    } else if (aTop && bTop && aTop.dockerImageReference !== bTop.dockerImageReference) {
      changes.push(`reference: ${bTop.dockerImageReference} → ${aTop.dockerImageReference}`);
    }
    if (aItems.length > bItems.length) changes.push(`history: ${bItems.length} → ${aItems.length} events`);
    const failed = (a.status?.conditions ?? []).find((c) => c.type === 'ImportSuccess' && c.status === 'False');
    const bFailed = (b.status?.conditions ?? []).find((c) => c.type === 'ImportSuccess' && c.status === 'False');
    if (failed && (!bFailed || bFailed.message !== failed.message)) changes.push(`import failed: ${failed.reason ?? ''}: ${failed.message ?? ''}`);
    if (bFailed && !failed) changes.push('the earlier import failure is cleared');
    return {
      tag: name,
      state: !b.spec && !b.status ? 'added' : changes.length ? 'changed' : 'unchanged',
      failed: Boolean(failed),
      changes,
      spec: a.spec ?? null,
      status: a.status ?? null,
    };
  });
  return { tags, changedCount: tags.filter((t) => t.state !== 'unchanged').length, againstCurrent: Boolean(currentStream) };
}

/**
 * One tag of an ImageStream: its spec tag and its status tag, each when there is one.
 * @typedef {{spec?: import('./api.js').TagReference, status?: import('./api.js').NamedTagEventList}} StreamTag
 */

/**
 * @param {ImageStream | null | undefined} stream
 * @returns {Map<string, StreamTag>}
 */
function tagIndex(stream) {
  /** @type {Map<string, StreamTag>} */
  const index = new Map();
  for (const spec of stream?.spec?.tags ?? []) index.set(spec.name, { ...(index.get(spec.name) ?? {}), spec });
  for (const status of stream?.status?.tags ?? []) index.set(status.tag, { ...(index.get(status.tag) ?? {}), status });
  return index;
}

/**
 * Everything at once, for the page.
 * @param {import('./api.js').ImportResult | null | undefined} answer
 * @param {{rules: ExplainRules, platform: string, maxTagsPerRepository: number, currentImageStream?: ImageStream | null}} options
 *   `rules` are needed (list entries and repository tags are read with them); the current stream
 *   is an object, as the server stores it (isimport.js decodes the caller's text).
 * @returns {import('./api.js').ImportFacts | null}
 */
export function explainImport(answer, { rules, platform, maxTagsPerRepository, currentImageStream = null }) {

  if (answer?.kind !== 'ImageStreamImport') return null;
  const images = (answer.status?.images ?? []).map((status) => ({
    image: status.image ? imageFacts(status.image) : null,
    platforms: platformTable(status, { rules, platform }),
  }));
  const repository = repositoryFacts(answer.status?.repository, { rules, maxTagsPerRepository });
  const repositoryImages = (answer.status?.repository?.images ?? []).map((status) => ({
    image: status.image ? imageFacts(status.image) : null,
    platforms: platformTable(status, { rules, platform }),
  }));
  return {
    images,
    repository: repository ? { ...repository, images: repositoryImages } : null,
    pulls: nodePulls(answer),
    stream: streamFacts(answer.status?.import, currentImageStream),
  };
}
