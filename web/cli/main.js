// isimport: the command line (web/cli/isimport.js, the bin, runs it, or its bundle for validate).
//   `isimport validate …` checks ImageStreamImport (ImageStream, Image) YAML/JSON as the OpenShift
//   API server would, with line:column on every error. Exit status: 0 every document valid, 1 some
//   document invalid, 2 usage error or unreadable input.
//   `isimport import -f FILE` performs the import against the registries and prints the
//   ImageStreamImport the server would answer. Exit status: 0 accepted (per-image failures live in
//   the per-image status), 1 refused (the Status is printed), 2 usage error or unreadable input.
//   `isimport supply-chain -f FILE` finds the signatures, attestations and SBOMs of each image of an
//   import and what image policies would decide. Exit status: 0 done, 1 a policy denies an image,
//   2 usage error or unreadable input (a refused spec, a key or policy that cannot be used).

// Start-up is most of what a one-file run costs: this module loads only what the command given
// needs (`validate` never loads the import engine's driver, the supply-chain code or the registry
// commands' modules), and asks Node to cache its compiled code where Node can (Node 22.1+; Node 20
// has no such cache, and compiles each module on each run).
import module from 'node:module';
import { readFileSync } from 'node:fs';

import { UsageError } from './args.js';
import { out } from './io.js';

/** @type {{enableCompileCache?: () => unknown}} */ (module).enableCompileCache?.();

/** The package's version, read when asked for. */
const version = () => /** @type {{version: string}} */ (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;
/** The library's load(), imported when a command needs the core. */
const load = async (/** @type {import('../lib/api.js').LoadOptions} */ options) => (await import('../lib/isimport.js')).load(options);
/**
 * Every command needs the core: its compile starts first, and runs on V8's threads while the
 * command's modules load.
 */
const prepareCore = async () => (await import('../lib/loader.js')).prepareValidationModule();

const help = () => `isimport ${version()}: OpenShift's ImageStreamImport without a cluster

Usage:
  isimport validate [flags] FILE|DIR|- …   validate ImageStreamImport (also ImageStream, Image)
                                           YAML or JSON as the API server would
  isimport import [flags] [-f FILE|-]      perform the import against the registries and print
                                           the ImageStreamImport the API server would answer
  isimport supply-chain [flags] [-f FILE|-]
                                           the signatures, attestations and SBOMs of each image
                                           of an import, and what image policies would decide
  isimport --help | --version

Run 'isimport help COMMAND' or 'isimport COMMAND --help' for a command's flags.
`;

/**
 * @param {string[]} argv
 * @returns {Promise<number>} the exit status
 */
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`isimport: a command is needed\n\n${help()}`);
    return 2;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    if (command === 'help' && rest[0] === 'validate') return out((await import('./validate-command.js')).VALIDATE_HELP), 0;
    if (command === 'help' && rest[0] === 'import') {
      const { importHelp } = await import('./import-command.js');
      return out(importHelp((await load({ schemas: false })).options('importPreview'))), 0;
    }
    if (command === 'help' && rest[0] === 'supply-chain') {
      const { supplyHelp } = await import('./supply-command.js');
      return out(supplyHelp((await load({ schemas: false })).options('supplyChain'))), 0;
    }
    out(help());
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    const isi = await load({ schemas: false });
    out(`isimport ${version()} (core ${isi.version})\n`);
    return 0;
  }
  if (command === 'validate') return await prepareCore(), (await import('./validate-command.js')).validateCommand(rest);
  if (command === 'import') return await prepareCore(), (await import('./import-command.js')).importCommand(rest);
  if (command === 'supply-chain') return await prepareCore(), (await import('./supply-command.js')).supplyCommand(rest);
  throw new UsageError(command.startsWith('-') ? `unknown flag ${JSON.stringify(command)}` : `unknown command ${JSON.stringify(command)}`);
}

process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`isimport: ${err.message}\nRun 'isimport --help' for usage.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`isimport: internal error: ${/** @type {{stack?: unknown} | null | undefined} */ (err)?.stack ?? err}\n`);

    process.exitCode = 2;
  }
}
