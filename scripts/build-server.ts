// Bundles the signaling server's command line into dist/server/cli.mjs: the form that runs in
// production (`npm run server`, a systemd unit, a container), as plain Node with no TypeScript loader.
// Run: npx tsx scripts/build-server.ts [outFile]
//
// Why a bundle and not tsx at run time (docs/decisions.md): tsx's command line is a second Node
// process that forwards SIGINT and SIGTERM only, so a SIGHUP meant to revoke a kiosk killed the
// wrapper and left the server running unsupervised; and the two processes held 147 MB where the
// bundle alone holds 73 MB, and took twice as long to listen (docs/performance.md).
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Two levels below the repository, so the server's `../../package.json` (version.ts) is the project's. */
export const DEFAULT_SERVER_OUT_FILE = join(root, 'dist', 'server', 'cli.mjs');
/**
 * How the bundle is started (package.json's `server` script, tests/e2e/server-bundle.test.ts):
 * stack traces name the TypeScript sources. Measured: no difference in start time or RSS.
 */
export const SERVER_NODE_ARGS = ['--enable-source-maps'] as const;
/** `node` and these start the built server, as production does (the tests that run the bundle, `bench:start`). */
export const BUILT_SERVER_ARGV = [...SERVER_NODE_ARGS, DEFAULT_SERVER_OUT_FILE] as const;

/** Writes the bundle (and its source map) and returns its path. */
export async function buildServer(outFile: string = DEFAULT_SERVER_OUT_FILE): Promise<string> {
  await build({
    entryPoints: [join(root, 'signaling-server', 'cli.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // package.json's engines: the oldest Node the server supports.
    target: 'node20',
    // Our sources and protocol/ are inlined; npm packages (ws, better-sqlite3 and its native
    // binary, zod) load from node_modules, as installed by `npm ci` for this platform.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
  return outFile;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outFile = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SERVER_OUT_FILE;
  await buildServer(outFile);
  console.log(`bundled ${outFile}`);
}
