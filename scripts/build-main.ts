// Bundles the Electron main process and the preload into dist/main/.
// Run: npx tsx scripts/build-main.ts [outDir]
import { build, type BuildOptions } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MAIN_OUT_DIR = join(root, 'dist', 'main');

/** Electron 38 runs Node 22 in its main process. */
const ELECTRON_NODE_TARGET = 'node22';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: ELECTRON_NODE_TARGET,
  // Provided by the Electron runtime; everything else (zod, protocol/) is bundled in.
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Writes main.cjs and preload.cjs into outDir and returns their paths. */
export async function buildMain(outDir: string = DEFAULT_MAIN_OUT_DIR): Promise<{ main: string; preload: string }> {
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'main', 'main.ts')], outfile: main }),
    // A sandboxed preload can require only 'electron', never our modules: it must be one self-contained file.
    build({ ...common, entryPoints: [join(root, 'main', 'preload', 'index.ts')], outfile: preload }),
  ]);
  return { main, preload };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_MAIN_OUT_DIR;
  const { main, preload } = await buildMain(outDir);
  console.log(`bundled ${main} and ${preload}`);
}
