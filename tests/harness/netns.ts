import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/**
 * A private network namespace joined to the host by one veth pair, for a browser whose link the
 * test can cut. The two addresses exist only on our own veth pair: the namespace has no other
 * interface than loopback and no default route, so nothing it sends can leave the machine.
 */
const IP = '/usr/sbin/ip';
/** A /30 from the private range, only ever configured on the veth pair created here. */
const SUBNET_PREFIX = '10.231.77';
export const HOST_ADDRESS = `${SUBNET_PREFIX}.1`;
export const NAMESPACE_ADDRESS = `${SUBNET_PREFIX}.2`;

export interface NetnsAvailability {
  available: boolean;
  reason: string;
}

function ipPath(): string | undefined {
  for (const candidate of [IP, '/sbin/ip', '/usr/bin/ip', '/bin/ip']) {
    try {
      execFileSync(candidate, ['-V'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

/** Whether this machine lets the test build a namespace: root, iproute2, and `ip netns add` working. */
export function probeNetns(): NetnsAvailability {
  if (process.getuid?.() !== 0) return { available: false, reason: 'not running as root' };
  const ip = ipPath();
  if (!ip) return { available: false, reason: 'iproute2 (`ip`) is not installed' };
  const probe = `kiosk-probe-${process.pid}`;
  try {
    execFileSync(ip, ['netns', 'add', probe], { stdio: 'pipe' });
  } catch (error) {
    return { available: false, reason: `\`ip netns add\` failed: ${String(error).split('\n')[0]}` };
  } finally {
    try {
      execFileSync(ip, ['netns', 'delete', probe], { stdio: 'ignore' });
    } catch {
      // it was never created
    }
  }
  return { available: true, reason: 'root, iproute2 and network namespaces available' };
}

export interface TestNamespace {
  name: string;
  hostVeth: string;
  /** Cuts (false) or restores (true) the namespace's only link, from the host side. */
  setLink(up: boolean): void;
  /** Chromium, with the test flags (and `extraArgs`), whose every socket lives in the namespace. */
  launchChromium(extraArgs?: readonly string[]): Promise<Browser>;
  /** Deletes the namespace (its veth end goes with it, and so the pair) and the wrapper. Safe to call twice. */
  remove(): void;
}

/**
 * Only loopback counts as a secure context over plain http: the veth address does not, and without
 * it the page has no camera. This flag makes exactly the test server's origin secure, nothing else.
 */
export function secureOriginArgs(serverUrl: string): string[] {
  return [`--unsafely-treat-insecure-origin-as-secure=${new URL(serverUrl).origin}`];
}

/** A Chromium outside the namespace (the agent's), with the same flags and `extraArgs`. */
export function launchHostChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

export function createTestNamespace(): TestNamespace {
  const ip = ipPath() ?? IP;
  const run = (...args: string[]) => execFileSync(ip, args, { stdio: 'pipe' });
  const quiet = (...args: string[]) => {
    try {
      run(...args);
    } catch {
      // already gone
    }
  };
  // Interface names are at most 15 characters.
  const tag = String(process.pid % 100_000);
  const name = `kiosk-e2e-${tag}`;
  const hostVeth = `kvh${tag}`;
  const nsVeth = `kvn${tag}`;
  const wrapperDir = mkdtempSync(join(tmpdir(), 'kiosk-netns-'));
  const wrapper = join(wrapperDir, 'chromium-in-netns');
  let removed = false;

  const remove = () => {
    if (removed) return;
    removed = true;
    quiet('netns', 'delete', name);
    quiet('link', 'delete', hostVeth);
    rmSync(wrapperDir, { recursive: true, force: true });
  };

  try {
    run('netns', 'add', name);
    run('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', nsVeth);
    run('link', 'set', nsVeth, 'netns', name);
    run('addr', 'add', `${HOST_ADDRESS}/30`, 'dev', hostVeth);
    run('link', 'set', hostVeth, 'up');
    run('netns', 'exec', name, ip, 'addr', 'add', `${NAMESPACE_ADDRESS}/30`, 'dev', nsVeth);
    run('netns', 'exec', name, ip, 'link', 'set', nsVeth, 'up');
    run('netns', 'exec', name, ip, 'link', 'set', 'lo', 'up');
    // exec keeps Playwright's pipe descriptors (3 and 4) open for the browser.
    writeFileSync(wrapper, `#!/bin/sh\nexec ${ip} netns exec ${name} ${CHROMIUM_PATH} "$@"\n`);
    chmodSync(wrapper, 0o755);
  } catch (error) {
    remove();
    throw error;
  }

  return {
    name,
    hostVeth,
    setLink: (up) => void run('link', 'set', hostVeth, up ? 'up' : 'down'),
    launchChromium: (extraArgs = []) => chromium.launch({ executablePath: wrapper, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true }),
    remove,
  };
}
