// Where registry credentials are looked up when `isimport import` is given no --authfile: where
// podman, buildah and skopeo keep them (containers/image's pkg/docker/config, as those tools call
// it), so that a `podman login` or `docker login` is used as it is.
//
//   REGISTRY_AUTH_FILE set: that file only (the tools make it the --authfile default).
//   Otherwise, in order, the first file holding an entry for a registry wins for that registry:
//     $XDG_RUNTIME_DIR/containers/auth.json   (/run/containers/$UID/auth.json without XDG_RUNTIME_DIR)
//     ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json
//     $DOCKER_CONFIG/config.json, else ~/.docker/config.json
//     ~/.dockercfg                             (the legacy format: registries at the top level)
// A file that is missing is skipped; one that is not JSON stops the look-up, as the tools do.
// Credential helpers (credsStore, credHelpers) are programs isimport does not run.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The files to read, in order: [{path, legacy}]. */
export function authFilePaths(env = process.env, { uid = process.getuid?.() ?? 0, home = env.HOME ?? homedir() } = {}) {
  if (env.REGISTRY_AUTH_FILE) return [{ path: env.REGISTRY_AUTH_FILE, legacy: false }];
  const runtime = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`;
  const config = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json');
  const docker = env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, 'config.json') : join(home, '.docker', 'config.json');
  return [
    { path: runtime, legacy: false },
    { path: config, legacy: false },
    { path: docker, legacy: false },
    { path: join(home, '.dockercfg'), legacy: true },
  ];
}

/**
 * Reads the files and merges their entries (earlier files win per registry): {config, files,
 * helpers} — `config` a docker config.json for importPreview() (null when no file had an entry),
 * `files` the paths that gave entries, `helpers` the files naming credential helpers — or {error}.
 */
export async function lookUpCredentials(paths = authFilePaths()) {
  const auths = {};
  const files = [];
  const helpers = [];
  for (const { path, legacy } of paths) {
    let text;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (err?.code === 'ENOENT' || err?.code === 'ENOTDIR') continue;
      return { error: `cannot read ${path}: ${err?.code === 'EACCES' ? 'permission denied' : err?.message ?? err}` };
    }
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { error: `reading JSON file ${JSON.stringify(path)}: ${err.message}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: `reading JSON file ${JSON.stringify(path)}: not a JSON object` };
    const entries = legacy ? parsed : parsed.auths ?? {};
    if (!legacy && (parsed.credsStore || parsed.credHelpers)) helpers.push(path);
    let used = false;
    for (const [registry, entry] of Object.entries(entries ?? {})) {
      if (registry in auths || entry === null || typeof entry !== 'object') continue;
      auths[registry] = entry;
      used = true;
    }
    if (used) files.push(path);
  }
  return { config: Object.keys(auths).length ? { auths } : null, files, helpers };
}
