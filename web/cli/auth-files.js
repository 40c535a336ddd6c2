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

/** @typedef {{path: string, legacy: boolean}} AuthFile `legacy`: a .dockercfg (registries at the top level) */

/**
 * The credentials found (`config` null when no file had an entry), or why the look-up stopped.
 * @typedef {{config: import('../lib/api.js').DockerConfigJson | null, files: string[], helpers: string[], error?: undefined}
 *   | {error: string, config?: undefined, files?: undefined, helpers?: undefined}} Credentials
 */

/**
 * The files to read, in order: [{path, legacy}].
 * @param {NodeJS.ProcessEnv} [env]
 * @param {{uid?: number, home?: string}} [options]
 * @returns {AuthFile[]}
 */
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
 * @param {readonly AuthFile[]} [paths]
 * @returns {Promise<Credentials>}
 */
export async function lookUpCredentials(paths = authFilePaths()) {
  /** @type {Record<string, import('../lib/api.js').DockerConfigEntry>} */
  const auths = {};
  /** @type {string[]} */
  const files = [];
  /** @type {string[]} */
  const helpers = [];
  for (const { path, legacy } of paths) {
    let text;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const e = /** @type {NodeJS.ErrnoException | null | undefined} */ (err);
      if (e?.code === 'ENOENT' || e?.code === 'ENOTDIR') continue;
      return { error: `cannot read ${path}: ${e?.code === 'EACCES' ? 'permission denied' : e?.message ?? err}` };
    }
    /** @type {unknown} */
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      // JSON.parse throws SyntaxErrors only.
      return { error: `reading JSON file ${JSON.stringify(path)}: ${/** @type {SyntaxError} */ (err).message}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: `reading JSON file ${JSON.stringify(path)}: not a JSON object` };
    const file = /** @type {Record<string, unknown>} */ (parsed);
    const entries = legacy ? file : file.auths ?? {};
    if (!legacy && (file.credsStore || file.credHelpers)) helpers.push(path);
    let used = false;
    for (const [registry, entry] of Object.entries(entries ?? {})) {
      if (registry in auths || entry === null || typeof entry !== 'object') continue;
      auths[registry] = /** @type {import('../lib/api.js').DockerConfigEntry} */ (entry); // passed on as it is, for the core to read

      used = true;
    }
    if (used) files.push(path);
  }
  return { config: Object.keys(auths).length ? { auths } : null, files, helpers };
}
