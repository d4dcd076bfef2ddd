import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME, openSqliteStore } from '../../signaling-server/src/store/sqliteStore.js';
import { generateFieldKey } from '../../signaling-server/src/crypto/fieldCipher.js';
import { resolveRoutingConfig } from '../../signaling-server/src/queue/routingConfig.js';
import { axeViolations, targetBoxes } from '../harness/a11y.js';
import { queueVisitorForAgent, signInAgent } from '../harness/journeys.js';
import { openCallScene, type CallScene } from '../harness/scene.js';
import type { TestServer } from '../harness/server.js';

/** A New Brunswick number, typed on the keypad; no format of it may reach the database file in clear. */
const PHONE = '5065550134';
const PHONE_FORMATS = [PHONE, '506 555 0134', '506-555-0134', '(506) 555-0134', '506.555.0134', '15065550134', '555-0134', '5550134'];
/** The keypad keys are larger than the kiosk's 64 px floor for primary actions. */
const MIN_KEY_PX = 64;

/** The SQLite file and its WAL, as bytes on disk: what a stolen disk would show. */
function databaseBytes(dataDir: string): string {
  return ['', '-wal', '-shm']
    .map((suffix) => join(dataDir, `${SQLITE_FILE_NAME}${suffix}`))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

/** Every ASCII and UTF-16LE rendering of a string, as it could sit in a file. */
function encodings(text: string): string[] {
  return [text, Buffer.from(text, 'utf16le').toString('latin1')];
}

describe('a callback instead of a long wait, number encrypted at rest', () => {
  let scene: CallScene;
  let server: TestServer;
  let kiosk: Page;
  let agent: Page;

  beforeAll(async () => {
    // A 1 ms threshold: the offer shows whatever the estimate, so the test does not depend on routing's default.
    scene = await openCallScene({
      callbacks: { key: generateFieldKey(), retentionDays: 7 },
      routing: { ...resolveRoutingConfig(undefined), callbackOfferAboveMs: 1 },
    });
    ({ server, kiosk, agent } = scene);
  });

  afterAll(async () => {
    await scene?.close();
  });

  it('the visitor leaves a number on the keypad; the file never holds it; the agent calls and closes it', async () => {
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'en');
    await kiosk.getByTestId('callback-offer').waitFor();
    expect(await axeViolations(kiosk), 'axe on the waiting screen with the offer').toEqual([]);
    await kiosk.getByTestId('callback-choose').click();
    await kiosk.getByTestId('screen-callback').waitFor();

    // Confirm stays off until the number is callable and the visitor agreed.
    for (const digit of '506555') await kiosk.getByTestId(`callback-key-${digit}`).click();
    await kiosk.getByTestId('callback-key-9').click();
    await kiosk.getByTestId('callback-backspace').click();
    for (const digit of '0134') await kiosk.getByTestId(`callback-key-${digit}`).click();
    expect(await kiosk.getByTestId('callback-number').textContent()).toBe('506 555 0134');
    expect(await kiosk.getByTestId('callback-number').getAttribute('aria-label')).toBe('5 0 6, 5 5 5, 0 1 3 4');
    expect(await kiosk.getByTestId('callback-confirm').isDisabled()).toBe(true);
    await kiosk.getByTestId('callback-consent').click();
    expect(await kiosk.getByTestId('callback-consent').getAttribute('aria-checked')).toBe('true');

    expect(await axeViolations(kiosk), 'axe on the keypad').toEqual([]);
    const keys = await targetBoxes(kiosk, '.callback-key, .callback-consent');
    expect(keys).toHaveLength(12);
    expect(keys.filter((k) => k.width < MIN_KEY_PX || k.height < MIN_KEY_PX)).toEqual([]);
    // Within reach of a seated visitor: every key in the lower half of the portrait screen.
    const screenHeight = kiosk.viewportSize()!.height;
    expect(keys.filter((k) => k.top < screenHeight / 2).map((k) => k.testId || k.text)).toEqual([]);

    // French too: the same screen, every string switched.
    await kiosk.getByTestId('switch-language').click();
    await kiosk.getByText('Votre numéro de téléphone').waitFor();
    expect(await axeViolations(kiosk), 'axe on the keypad in French').toEqual([]);
    await kiosk.getByTestId('switch-language').click();

    await kiosk.getByTestId('callback-confirm').click();
    await kiosk.getByTestId('screen-callback-thanks').waitFor();
    expect(await kiosk.getByTestId('screen-callback-thanks').textContent()).toMatch(/within 2 business days/);
    expect(await axeViolations(kiosk), 'axe on the callback thank-you').toEqual([]);
    // Then the normal wipe: back to the welcome screen.
    await kiosk.getByTestId('done').click();
    await kiosk.getByTestId('start').waitFor();

    // What is on disk: the SQLite file and its write-ahead log, byte for byte.
    const bytes = databaseBytes(server.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    for (const format of PHONE_FORMATS) for (const encoded of encodings(format)) expect(bytes).not.toContain(encoded);

    // The row is there, sealed (a second read-only connection, the way a report would look).
    const reader = openSqliteStore(server.dataDir);
    const pending = reader.callbacks?.listPending(10) ?? [];
    expect(pending).toHaveLength(1);
    reader.close();

    // The agent sees it without the number, opens it to dial, and marks it done.
    await signInAgent(agent, server.agentUrl);
    await agent.getByTestId('callback-item').waitFor();
    expect(await agent.getByTestId('callbacks-panel').textContent()).not.toContain('0134');
    await agent.getByTestId('callback-open').click();
    expect(await agent.getByTestId('callback-phone').textContent()).toBe('506 555 0134');
    expect(await axeViolations(agent), 'axe on the agent console with a callback open').toEqual([]);
    await agent.getByTestId('callback-done-reached').click();
    await agent.getByTestId('callbacks-empty').waitFor();

    const after = openSqliteStore(server.dataDir);
    expect(after.callbacks?.listPending(10)).toEqual([]);
    after.close();
  });
});
