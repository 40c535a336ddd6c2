// Set-up names no host: the deb-src entry libsodium's source package needs is derived from the
// machine's own apt sources (whatever mirror they name), for this release only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempTree } from '../web/support/cli-run.mjs';

const SCRIPT = fileURLToPath(new URL('../../scripts/setup-apt.sh', import.meta.url));

test('no mirror or registry host is written in the set-up script', () => {
  assert.doesNotMatch(readFileSync(SCRIPT, 'utf8'), /https?:\/\//);
});

test('deb-src entries copy this release\u2019s deb entries, deb822 and one-line alike; other releases, disabled and source entries are left out', async () => {
  const tree = await tempTree({
    'os-release': 'ID=debian\nVERSION_CODENAME=bookworm\n',
    'apt/sources.list': [
      'deb [arch=amd64] http://mirror.example.net/debian bookworm main contrib',
      '# deb http://mirror.example.net/debian bookworm-backports main',
      'deb http://other.example/apt stable main',
      '',
    ].join('\n'),
    'apt/sources.list.d/debian.sources': [
      'Types: deb',
      '# a comment inside the stanza',
      'URIs: http://mirror.example.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
      '',
      'Types: deb',
      'URIs: http://mirror.example.org/debian-security',
      'Suites: bookworm-security',
      'Components: main',
      '',
      'Types: deb',
      'URIs: https://vendor.example/node',
      'Suites: nodistro',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://mirror.example.org/debian',
      'Suites: bookworm',
      'Components: non-free',
      'Enabled: no',
      '',
    ].join('\n'),
    'apt/sources.list.d/vendor.sources.disabled': 'Types: deb\nURIs: http://x.example\nSuites: bookworm\nComponents: main\n',
  });
  try {
    const r = spawnSync('bash', [SCRIPT, '--print-deb-src'], {
      encoding: 'utf8',
      env: { ...process.env, ISIMPORT_APT_DIR: tree.path('apt'), ISIMPORT_OS_RELEASE: tree.path('os-release') },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [
      'Types: deb-src',
      'URIs: http://mirror.example.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
      '',
      'Types: deb-src',
      'URIs: http://mirror.example.org/debian-security',
      'Suites: bookworm-security',
      'Components: main',
      '',
      'deb-src [arch=amd64] http://mirror.example.net/debian bookworm main contrib',
      '',
    ].join('\n'));
  } finally {
    await tree.remove();
  }
});
