import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../harness/a11y.js';
import { launchChromium } from '../harness/chromium.js';
import { AGENT_VIEWPORT, KIOSK_VIEWPORT, queueVisitorForAgent, signInAgent } from '../harness/journeys.js';
import { waitForRemoteMedia, waitForTwoWayCall, type RemoteMediaProof } from '../harness/media.js';
import { queryRecords } from '../harness/records.js';
import { AGENT_B, INTERPRETER, startTestServer, withColleagueAndInterpreter, type TestServer } from '../harness/server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '../../screenshots');
const NOTE = 'Asked about survivor benefits; passport part is done.';

/** Decoded frames that keep arriving, and live audio: the same proof waitForTwoWayCall asks of two parties. */
function expectLiveMedia(proof: RemoteMediaProof, who: string): void {
  expect(proof.decodedFrames, `${who}: decoded frames`).toBeGreaterThan(0);
  expect(proof.width, `${who}: video width`).toBeGreaterThan(0);
  expect(proof.audioTrackStates, `${who}: remote audio`).toContain('live');
}

describe('calls with more than two people: warm transfer and an interpreter (issue 4)', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: Page;
  let first: Page;
  let colleague: Page;
  let interpreter: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer(withColleagueAndInterpreter());
    browser = await launchChromium();
    kiosk = await (await browser.newContext({ viewport: KIOSK_VIEWPORT })).newPage();
    first = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
    colleague = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
    interpreter = await (await browser.newContext({ viewport: AGENT_VIEWPORT })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A French visitor (who may ask for an interpreter) in a call with the first agent (who serves every line). */
  async function visitorWithFirstAgent(interpreterLanguage?: 'iu'): Promise<void> {
    // A fresh page for each visitor: the kiosk drops its identity from the address once read.
    await kiosk.goto('about:blank');
    await kiosk.goto(server.kioskUrl);
    await queueVisitorForAgent(kiosk, 'fr', interpreterLanguage);
    // Signed in once; after a transfer the first agent is available again already.
    if (!(await first.getByTestId('go-away').isVisible())) {
      if (!(await first.getByTestId('go-available').isVisible())) await signInAgent(first, server.agentUrl);
      await first.getByTestId('go-available').click();
    }
    await first.getByTestId('offer').waitFor();
    if (interpreterLanguage) expect(await first.getByTestId('offer-needs-interpreter').textContent()).toContain('Inuktitut');
    await first.getByTestId('accept').click();
    await waitForTwoWayCall(kiosk, first);
  }

  it('transfers warmly: the colleague sees the summary and the note, joins the call, and the first agent leaves after', async () => {
    await visitorWithFirstAgent();
    await signInAgent(colleague, server.agentUrl, AGENT_B);
    await colleague.getByTestId('go-available').click();

    await first.getByTestId('transfer-line').selectOption('pensions');
    // The colleague signed in after the call began: the first agent refreshes the list and names her.
    const named = `${AGENT_B.displayName} (Available)`;
    await first.getByTestId('transfer-refresh').click();
    await expect.poll(() => first.getByTestId('transfer-colleague').locator('option').allTextContents()).toContain(named);
    await first.getByTestId('transfer-colleague').selectOption({ label: named });
    expect(await axeViolations(first)).toEqual([]);
    await first.getByTestId('transfer-note').fill(NOTE);
    await first.getByTestId('transfer-submit').click();

    // The colleague's offer says it is a transfer, carries the note and what the visitor told the kiosk.
    await colleague.getByTestId('offer-transfer').waitFor();
    expect(await colleague.getByTestId('offer-handover-note').textContent()).toBe(NOTE);
    expect(await colleague.getByTestId('triage-summary').isVisible()).toBe(true);
    expect(await axeViolations(colleague)).toEqual([]);
    await colleague.getByTestId('accept').click();

    // Three in the call: the kiosk decodes the colleague's video beside the first agent's, and says why.
    await colleague.getByTestId('screen-call').waitFor();
    expectLiveMedia(await waitForRemoteMedia(kiosk, 'guest-video-agent'), 'kiosk ← colleague');
    expectLiveMedia(await waitForRemoteMedia(colleague, 'remote-video'), 'colleague ← kiosk');
    expectLiveMedia(await waitForRemoteMedia(first, 'guest-video-agent'), 'first agent ← colleague');
    await kiosk.getByTestId('call-joined').waitFor();
    expect(await kiosk.getByTestId('call-joined').textContent()).toContain('vous n’aurez pas à le répéter');
    expect(await colleague.getByTestId('handover-note').textContent()).toBe(NOTE);
    expect(await colleague.getByTestId('triage-summary').isVisible()).toBe(true);
    await expect.poll(() => first.getByTestId('transfer-status').textContent()).toContain('joined');
    await first.screenshot({ path: join(SCREENSHOTS, 'transfer-agent.png') });
    await kiosk.screenshot({ path: join(SCREENSHOTS, 'transfer-kiosk.png') });

    // The first agent leaves; the visitor's call goes on with the colleague, in the main video.
    await first.getByTestId('transfer-leave').click();
    // Free again at once: the outcome is the colleague's to record.
    await first.getByTestId('go-away').waitFor();
    await kiosk.getByTestId('guest-video-agent').waitFor({ state: 'detached' });
    expect(await kiosk.getByTestId('screen-call').isVisible()).toBe(true);
    expectLiveMedia(await waitForRemoteMedia(kiosk, 'remote-video'), 'kiosk ← colleague as main');

    // The colleague holds the call: they end it and record the outcome.
    await colleague.getByTestId('end-call').click();
    await colleague.getByTestId('outcome-resolved').click();
    await colleague.getByTestId('go-away').waitFor();
    const transfers = queryRecords<{ from_agent_id: string; to_agent_id: string }>(
      server.dataDir,
      'SELECT from_agent_id, to_agent_id FROM visit_transfers',
    );
    expect(transfers).toEqual([{ from_agent_id: 'agent-test-1', to_agent_id: AGENT_B.id }]);
    const [visit] = queryRecords<{ outcome: string }>(server.dataDir, 'SELECT outcome FROM visits ORDER BY joined_at DESC LIMIT 1');
    expect(visit?.outcome).toBe('resolved');
    // The colleague goes away so the next visit is the first agent's.
    await colleague.getByTestId('go-away').click();
  });

  it('brings an interpreter in: all three decode each other’s video; removing them leaves the call going', async () => {
    await kiosk.getByTestId('screen-survey').waitFor();
    // This visitor asked the kiosk for an Inuktitut interpreter: the agent's panel already names it.
    await visitorWithFirstAgent('iu');
    await signInAgent(interpreter, server.agentUrl, { ...INTERPRETER, role: 'interpreter' });
    await interpreter.getByTestId('go-available').click();

    expect(await first.getByTestId('interpreter-language').inputValue()).toBe('iu');
    await first.getByTestId('interpreter-invite').click();
    await interpreter.getByTestId('offer').waitFor();
    expect(await interpreter.getByTestId('offer-interpreter-language').textContent()).toContain('Inuktitut');
    await interpreter.getByTestId('accept').click();
    await interpreter.getByTestId('screen-call').waitFor();

    // Every participant decodes both others: six streams in the mesh.
    const proofs = await Promise.all([
      waitForRemoteMedia(kiosk, 'remote-video'),
      waitForRemoteMedia(kiosk, 'guest-video-interpreter'),
      waitForRemoteMedia(first, 'remote-video'),
      waitForRemoteMedia(first, 'guest-video-interpreter'),
      waitForRemoteMedia(interpreter, 'remote-video'),
      waitForRemoteMedia(interpreter, 'guest-video-agent'),
    ]);
    const names = ['kiosk ← agent', 'kiosk ← interpreter', 'agent ← kiosk', 'agent ← interpreter', 'interpreter ← kiosk', 'interpreter ← agent'];
    proofs.forEach((proof, i) => expectLiveMedia(proof, names[i]!));
    expect(await first.getByTestId('interpreter-status').textContent()).toContain('interpreter is in the call');
    expect(await interpreter.getByTestId('interpreting-for').textContent()).toContain('Inuktitut');
    // The interpreter has no agent tools: no push, no transfer.
    expect(await interpreter.getByTestId('push-panel').count()).toBe(0);
    expect(await axeViolations(interpreter)).toEqual([]);
    expect(await axeViolations(kiosk)).toEqual([]);
    await interpreter.screenshot({ path: join(SCREENSHOTS, 'interpreter-call.png') });
    await kiosk.screenshot({ path: join(SCREENSHOTS, 'interpreter-kiosk.png') });

    await first.getByTestId('interpreter-remove').click();
    await interpreter.getByTestId('go-away').waitFor();
    await kiosk.getByTestId('guest-video-interpreter').waitFor({ state: 'detached' });
    expectLiveMedia(await waitForRemoteMedia(kiosk, 'remote-video'), 'kiosk ← agent after the interpreter left');
    expect(await first.getByTestId('interpreter-status').textContent()).toContain('left');
    await first.getByTestId('end-call').click();
  });
});
