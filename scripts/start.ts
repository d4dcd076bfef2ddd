/**
 * `npm start`: one command for a newcomer. Builds the apps if needed, starts the signaling server
 * (embedded SQLite in ./data), then launches the Electron kiosk where Electron's binary can be had;
 * otherwise it says which URL to open in Chromium instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startFromEnvironment } from '../signaling-server/src/startFromEnvironment.js';
import { allocatorAdvice } from '../signaling-server/src/memory/allocatorSettings.js';
import { startupBanner } from '../signaling-server/src/startupBanner.js';
import { handleProcessSignals } from '../signaling-server/src/processSignals.js';

const ROOT = resolve(import.meta.dirname, '..');
const BUILT_FILES = ['dist/renderer/kiosk/index.html', 'dist/renderer/agent/index.html', 'dist/renderer/staff/index.html', 'dist/main/main.cjs'];
/** Electron's own installer fetches the binary; on a closed network it fails, and we must not hang on it. */
const ELECTRON_INSTALL_TIMEOUT_MS = 90_000;

function ensureBuilt(): void {
  if (BUILT_FILES.every((file) => existsSync(join(ROOT, file)))) return;
  console.log('Building the kiosk, agent and staff consoles and Electron main process (first start only)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed; see the messages above.');
}

/** The path of Electron's binary, fetching it once if this machine can; undefined when it cannot. */
function electronBinary(): string | undefined {
  if (process.env.KIOSK_NO_ELECTRON === '1' || process.env.CI) return undefined;
  const require = createRequire(import.meta.url);
  const tryResolve = (): string | undefined => {
    try {
      const path = require('electron') as unknown;
      return typeof path === 'string' && existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  const found = tryResolve();
  if (found) return found;
  console.log("Electron's binary is not installed; trying to fetch it once…");
  const install = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    timeout: ELECTRON_INSTALL_TIMEOUT_MS,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  return install.status === 0 ? tryResolve() : undefined;
}

async function main(): Promise<void> {
  ensureBuilt();
  const started = await startFromEnvironment();
  const reloadPid = handleProcessSignals(started.server, { configPath: started.configPath });
  for (const line of startupBanner({ ...started, advice: allocatorAdvice(), reloadPid })) console.log(line);
  const port = new URL(started.url).port;
  const electron = electronBinary();
  if (!electron || !started.demo) {
    console.log(
      electron
        ? 'Electron is available; with your own CONFIG, start the kiosk with KIOSK_CONFIG=<file> npx electron .'
        : process.env.KIOSK_NO_ELECTRON === '1' || process.env.CI
          ? 'Electron is not launched (KIOSK_NO_ELECTRON or CI): open the kiosk URL above in Chromium.'
          : 'Electron cannot be installed on this machine: open the kiosk URL above in Chromium (fake or real camera).',
    );
    return;
  }
  // Demo only: the kiosk's identity goes to a file Electron's main process validates like any other config.
  const dataDir = resolve(process.env.DATA_DIR ?? join(ROOT, 'data'));
  mkdirSync(dataDir, { recursive: true });
  const kioskConfig = join(dataDir, 'demo-kiosk.json');
  writeFileSync(
    kioskConfig,
    JSON.stringify({ serverUrl: `ws://localhost:${port}/ws`, kioskId: started.demo.kioskId, token: started.demo.kioskToken }, null, 2),
    { mode: 0o600 },
  );
  console.log('Launching the Electron kiosk…');
  const child = spawn(electron, [ROOT], { stdio: 'inherit', env: { ...process.env, KIOSK_CONFIG: kioskConfig } });
  child.on('exit', (code) => console.log(`The Electron kiosk exited (${code ?? 'signal'}); the server keeps running. Ctrl+C stops it.`));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
