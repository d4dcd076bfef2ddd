import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleProcessSignals, SHUTDOWN_TIMEOUT_MS } from './processSignals.js';
import { testConfigInput } from './testing/testServer.js';

/** A stand-in for the process: signals are events, exits and log lines are recorded, timers are Vitest's. */
function fakeProcess(close: () => Promise<void> = () => Promise.resolve()) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const lines: string[] = [];
  const server = { close: vi.fn(close), applyKioskRevocations: vi.fn(() => ['kiosk-a']) };
  const setup = {
    on: (signal: NodeJS.Signals, listener: () => void) => void signals.on(signal, listener),
    exit: (code: number) => void exits.push(code),
    log: (line: string) => void lines.push(line),
    pid: 4242,
  };
  return { signals, exits, lines, server, setup };
}

const settle = () => new Promise((done) => setImmediate(done));

describe('handleProcessSignals', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('closes the server on %s and exits 0, once however often it is sent', async (signal) => {
    const p = fakeProcess();
    handleProcessSignals(p.server, { ...p.setup, configPath: undefined });
    p.signals.emit(signal);
    p.signals.emit(signal);
    await settle();
    expect(p.server.close).toHaveBeenCalledTimes(1);
    expect(p.exits).toEqual([0]);
    expect(p.lines).toEqual([`${signal} received, shutting down`]);
  });

  it('exits 1 when closing fails, saying why and where it threw', async () => {
    const p = fakeProcess(() => Promise.reject(new Error('socket stuck')));
    handleProcessSignals(p.server, { ...p.setup, configPath: undefined });
    p.signals.emit('SIGTERM');
    await settle();
    expect(p.exits).toEqual([1]);
    const failure = p.lines.find((line) => line.startsWith('shutdown failed: '));
    expect(failure).toMatch(/^shutdown failed: Error: socket stuck\n\s+at .*processSignals\.test\.ts/);
  });

  it('exits 1 when closing fails with something that is not an Error, saying what it was', async () => {
    const p = fakeProcess(() => Promise.reject('database busy'));
    handleProcessSignals(p.server, { ...p.setup, configPath: undefined });
    p.signals.emit('SIGTERM');
    await settle();
    expect(p.exits).toEqual([1]);
    expect(p.lines).toContain('shutdown failed: database busy');
  });

  it(`exits 1 when closing takes over ${SHUTDOWN_TIMEOUT_MS} ms`, () => {
    vi.useFakeTimers();
    const p = fakeProcess(() => new Promise(() => {}));
    handleProcessSignals(p.server, { ...p.setup, configPath: undefined });
    p.signals.emit('SIGTERM');
    vi.advanceTimersByTime(SHUTDOWN_TIMEOUT_MS - 1);
    expect(p.exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(p.exits).toEqual([1]);
  });

  it('re-reads the config file on SIGHUP, keeps running, and names its pid for the banner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signals-'));
    dirs.push(dir);
    const configPath = join(dir, 'server.json');
    // A valid file is all the reload needs here; which kiosks it revokes is the (stand-in) server's answer.
    writeFileSync(configPath, JSON.stringify(testConfigInput()));
    const p = fakeProcess();
    expect(handleProcessSignals(p.server, { ...p.setup, configPath })).toBe(4242);
    p.signals.emit('SIGHUP');
    expect(p.server.applyKioskRevocations).toHaveBeenCalledTimes(1);
    expect(p.lines).toEqual(['SIGHUP received: config re-read, 1 kiosk(s) newly revoked: kiosk-a']);
    expect(p.server.close).not.toHaveBeenCalled();
    expect(p.exits).toEqual([]);
  });

  it('in demo mode (no config file) says SIGHUP has nothing to re-read, and names no pid', () => {
    const p = fakeProcess();
    expect(handleProcessSignals(p.server, { ...p.setup, configPath: undefined })).toBeUndefined();
    p.signals.emit('SIGHUP');
    expect(p.lines).toEqual(['SIGHUP received: no CONFIG file to reload (demo configuration)']);
    expect(p.exits).toEqual([]);
  });
});
