// `npm run fuzz -- [--seconds N] [--only a,b] [--parallel N]`: builds the libFuzzer targets
// (fuzz/targets/*_fuzz.cpp, clang with ASan and UBSan, in build/fuzz) and runs each for N seconds
// (default 60) on its corpus: the committed seeds (fuzz/corpus/<target>) and every input that once
// found a bug (fuzz/regressions/<target>, replayed first, each one on its own), grown in
// build/fuzz/corpus. Prints a line per target (executions, coverage, corpus, findings) and writes
// build/fuzz/report.json; exits 1 when any target found something (its input is kept in
// build/fuzz/artifacts/<target>/, to be fixed and then added to fuzz/regressions/).
//
// `npm test` runs every target for a few seconds (`--seconds 3`): a smoke test. Long runs are
// separate; RELIABILITY.md records them.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('--seconds', '60'));
const parallel = Math.max(1, Number(arg('--parallel', '1')));
const only = arg('--only', '')?.split(',').filter(Boolean);

// Which dictionary each target's inputs are written in.
const DICTIONARY = {
  www_authenticate: 'http', link: 'http', content_type: 'http', reference: 'http', digest: 'http',
};

const BUILD = `${root}build/fuzz`;

function build() {
  if (!existsSync(`${BUILD}/Makefile`)) {
    const r = spawnSync('cmake', ['-S', root, '-B', BUILD, '-G', 'Unix Makefiles', '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
      '-DCMAKE_C_COMPILER=clang', '-DCMAKE_CXX_COMPILER=clang++', '-DISIMPORT_FUZZ=ON'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('cmake could not configure build/fuzz (is clang installed? bash scripts/setup-apt.sh)');
  }
  const r = spawnSync('cmake', ['--build', BUILD, '-j', String(cpus().length)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CCACHE_BASEDIR: root },
  });
  if (r.status !== 0) throw new Error('the fuzz targets did not build');
}

export function targets() {
  return readdirSync(`${root}fuzz/targets`).filter((f) => f.endsWith('_fuzz.cpp')).map((f) => f.replace(/_fuzz\.cpp$/, '')).sort();
}

const files = (dir) => (existsSync(dir) ? readdirSync(dir).map((f) => `${dir}/${f}`) : []);

function runProcess(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-200_000); });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

// libFuzzer's final figures, from its standard error.
function statsOf(stderr) {
  const num = (re) => Number(re.exec(stderr)?.[1] ?? NaN);
  const lastStatus = [...stderr.matchAll(/#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)\//g)].at(-1);
  return {
    executions: num(/stat::number_of_executed_units: (\d+)/),
    execsPerSecond: num(/stat::average_exec_per_sec:\s+(\d+)/),
    peakRssMb: num(/stat::peak_rss_mb:\s+(\d+)/),
    coverage: lastStatus ? Number(lastStatus[2]) : NaN,
    features: lastStatus ? Number(lastStatus[3]) : NaN,
    corpus: lastStatus ? Number(lastStatus[4]) : NaN,
  };
}

async function fuzzOne(target) {
  const binary = `${BUILD}/${target}_fuzz`;
  const corpus = `${BUILD}/corpus/${target}`;
  const artifacts = `${BUILD}/artifacts/${target}/`;
  mkdirSync(corpus, { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  cpSync(`${root}fuzz/corpus/${target}`, corpus, { recursive: true });
  const findings = [];

  // Every input that once found a bug, on its own: a regression fails here, by name.
  const regressions = files(`${root}fuzz/regressions/${target}`);
  if (regressions.length > 0) {
    const r = await runProcess(binary, ['-runs=1', ...regressions]);
    if (r.code !== 0) findings.push({ kind: 'regression', detail: r.stderr.split('\n').filter((l) => /ERROR|invariant|SUMMARY/.test(l)).slice(0, 6).join(' | ') });
  }

  const started = Date.now();
  const dict = `${root}fuzz/dict/${DICTIONARY[target] ?? 'json'}.dict`;
  const args = [
    `-max_total_time=${seconds}`, `-dict=${dict}`, `-artifact_prefix=${artifacts}`, '-print_final_stats=1',
    '-timeout=10', '-rss_limit_mb=2560', '-max_len=65536', corpus,
  ];
  if (regressions.length > 0) args.push(`${root}fuzz/regressions/${target}`); // read, not written: new inputs go to the first
  const r = await runProcess(binary, args);
  const stats = statsOf(r.stderr);
  if (r.code !== 0) {
    const why = r.stderr.split('\n').filter((l) => /ERROR: |invariant broken|SUMMARY:|Test unit written/.test(l)).slice(0, 6).join(' | ');
    findings.push({ kind: 'crash', detail: why || `exit ${r.code ?? r.signal}` });
  }
  return { target, seconds: Math.round((Date.now() - started) / 1000), ...stats, regressions: regressions.length, findings };
}

export async function runFuzz() {
  build();
  const queue = targets().filter((t) => !only?.length || only.includes(t));
  const results = [];
  const worker = async () => {
    while (queue.length > 0) {
      const target = queue.shift();
      const result = await fuzzOne(target);
      results.push(result);
      const f = result.findings.length ? `FOUND ${result.findings.map((x) => `${x.kind}: ${x.detail}`).join('; ')}` : 'no findings';
      console.log(`fuzz ${target.padEnd(17)} ${String(result.seconds).padStart(5)} s  ${String(result.executions).padStart(10)} runs  ` +
        `cov ${String(result.coverage).padStart(5)}  ft ${String(result.features).padStart(6)}  corpus ${String(result.corpus).padStart(5)}  ` +
        `rss ${result.peakRssMb} MB  ${f}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  results.sort((a, b) => a.target.localeCompare(b.target));
  writeFileSync(`${BUILD}/report.json`, `${JSON.stringify({ seconds, when: new Date().toISOString(), results }, null, 2)}\n`);
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runFuzz();
  process.exit(results.some((r) => r.findings.length > 0) ? 1 : 0);
}
