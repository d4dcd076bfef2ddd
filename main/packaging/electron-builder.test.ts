import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const yamlText = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const require = createRequire(import.meta.url);

/** The intended value of every Electron fuse, each one a deliberate choice. */
const INTENDED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** A tiny reader for one top-level block of flat `key: value` lines; enough for electronFuses. */
function readBlock(text: string, block: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${block}:`);
  if (start < 0) return {};
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) break;
    const match = /^\s+([A-Za-z0-9]+):\s*(\S+)\s*(#.*)?$/.exec(line);
    if (match?.[1] && match[2]) entries[match[1]] = match[2];
  }
  return entries;
}

function topLevelScalar(text: string, key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(\\S+)\\s*$`, 'm').exec(text)?.[1];
}

/** FuseV1Options from @electron/fuses (electron-builder's dependency): RunAsNode → runAsNode. */
function fuseKeysFromElectron(): string[] | null {
  try {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
    return Object.keys(FuseV1Options)
      .filter((key) => Number.isNaN(Number(key)))
      .map((name) => name.charAt(0).toLowerCase() + name.slice(1));
  } catch {
    return null;
  }
}

describe('electron-builder.yml', () => {
  const fuses = readBlock(yamlText, 'electronFuses');

  it('writes out each fuse with its intended value', () => {
    expect(fuses).toEqual(Object.fromEntries(Object.entries(INTENDED_FUSES).map(([key, value]) => [key, String(value)])));
  });

  it('covers every fuse @electron/fuses knows', () => {
    const known = fuseKeysFromElectron();
    if (known === null) return void console.warn('@electron/fuses not installed: fuse coverage not checked');
    expect(known.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(fuses).sort()).toEqual([...known].sort());
  });

  it('uses only fuse names electron-builder 26 accepts', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const accepted = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(fuses)) expect(accepted).toContain(key);
  });

  it('packs the app into an asar with its id, and ships no node_modules', () => {
    expect(topLevelScalar(yamlText, 'asar')).toBe('true');
    expect(topLevelScalar(yamlText, 'appId')).toBe('ca.gc.servicecanada.kiosk');
    expect(yamlText).toMatch(/^\s+- "!\*\*\/node_modules\/\*\*"$/m);
    expect(yamlText).toMatch(/^\s+- AppImage$/m);
    expect(yamlText).toMatch(/^\s+- deb$/m);
  });

  it("passes electron-builder's own configuration validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
    const config = yaml.load(yamlText);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual(INTENDED_FUSES);
    const misspelt = { ...config, electronFuses: { ...INTENDED_FUSES, runAsNod: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
