import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { SignalingCommand } from '../../../shared/net/signalingActor.js';
import { kioskMachine, type KioskEvent } from '../../machines/kioskMachine.js';
import {
  OFFLINE_RETRY_BASE_MS,
  OFFLINE_RETRY_MAX_MS,
  PROBE_INTERVAL_MS,
  PROBE_TIMEOUT_MS,
  offlineRetryDelay,
} from './reachability.js';

type Answer = 'up' | 'down' | 'hang';

/** The kiosk with a scripted server: each probe answers as `service.state` says at that moment. */
function startKiosk(initial: Answer) {
  const service = { state: initial, probes: 0, aborted: 0 };
  let toMachine: ((event: KioskEvent) => void) | undefined;
  const machine = kioskMachine.provide({
    actors: {
      probeService: fromPromise<void>(({ signal }) => {
        service.probes++;
        if (service.state === 'up') return Promise.resolve();
        if (service.state === 'down') return Promise.reject(new Error('connection refused'));
        return new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            service.aborted++;
            reject(new Error('aborted'));
          });
        });
      }),
      acquireMedia: fromPromise(async () => ({ getTracks: () => [] }) as unknown as MediaStream),
      signaling: fromCallback<SignalingCommand>(({ sendBack }) => {
        toMachine = sendBack;
      }),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock, input: {} }).start();
  /** Lets the scripted probe's promise settle. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const advance = async (ms: number) => {
    clock.increment(ms);
    await settle();
  };
  return { actor, clock, service, settle, advance, serverEvent: (event: KioskEvent) => toMachine?.(event) };
}

const offline = (kiosk: ReturnType<typeof startKiosk>) => kiosk.actor.getSnapshot().matches({ welcome: 'offline' });

describe('kiosk reachability on the welcome screen (simulated clock)', () => {
  it('backs off 10 s, 20 s, 40 s, then 60 s at most', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(offlineRetryDelay)).toEqual([10_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    expect(offlineRetryDelay(2)).toBe(OFFLINE_RETRY_BASE_MS);
    expect(offlineRetryDelay(1_000)).toBe(OFFLINE_RETRY_MAX_MS);
  });

  it('checks at once, then every 30 s while the service answers', async () => {
    const kiosk = startKiosk('up');
    await kiosk.settle();
    expect(kiosk.service.probes).toBe(1);
    await kiosk.advance(PROBE_INTERVAL_MS - 1);
    expect(kiosk.service.probes).toBe(1);
    await kiosk.advance(1);
    expect(kiosk.service.probes).toBe(2);
    await kiosk.advance(PROBE_INTERVAL_MS);
    expect(kiosk.service.probes).toBe(3);
    expect(offline(kiosk)).toBe(false);
  });

  it('at 8 a.m. with no server: two failures show the offline screen, which refuses to start a visit', async () => {
    const kiosk = startKiosk('down');
    await kiosk.settle();
    expect(kiosk.service.probes).toBe(1);
    // One failure may be a blip: the welcome stays, and a visitor may still start.
    expect(offline(kiosk)).toBe(false);
    await kiosk.advance(OFFLINE_RETRY_BASE_MS);
    expect(kiosk.service.probes).toBe(2);
    expect(offline(kiosk)).toBe(true);
    kiosk.actor.send({ type: 'user.start' });
    expect(offline(kiosk)).toBe(true);
    // The accessibility bar still works on the offline screen.
    kiosk.actor.send({ type: 'user.toggleTextSize' });
    expect(kiosk.actor.getSnapshot().context.largeText).toBe(true);
  });

  it('keeps trying, less and less often, and returns to the welcome as soon as the service answers', async () => {
    const kiosk = startKiosk('down');
    await kiosk.settle();
    await kiosk.advance(OFFLINE_RETRY_BASE_MS);
    expect(offline(kiosk)).toBe(true);
    const gaps: number[] = [];
    let elapsed = 0;
    let probes = kiosk.service.probes;
    while (gaps.length < 5) {
      await kiosk.advance(1_000);
      elapsed += 1_000;
      if (kiosk.service.probes > probes) {
        gaps.push(elapsed);
        elapsed = 0;
        probes = kiosk.service.probes;
      }
    }
    expect(gaps).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(offline(kiosk)).toBe(true);

    kiosk.service.state = 'up';
    await kiosk.advance(OFFLINE_RETRY_MAX_MS);
    expect(offline(kiosk)).toBe(false);
    expect(kiosk.actor.getSnapshot().matches({ welcome: { online: 'reachable' } })).toBe(true);
    expect(kiosk.actor.getSnapshot().context.probeFailures).toBe(0);
    kiosk.actor.send({ type: 'user.start' });
    expect(kiosk.actor.getSnapshot().value).toBe('language');
  });

  it('a single failure between good checks changes nothing on screen', async () => {
    const kiosk = startKiosk('up');
    await kiosk.settle();
    kiosk.service.state = 'down';
    await kiosk.advance(PROBE_INTERVAL_MS);
    expect(offline(kiosk)).toBe(false);
    kiosk.service.state = 'up';
    await kiosk.advance(OFFLINE_RETRY_BASE_MS);
    expect(offline(kiosk)).toBe(false);
    expect(kiosk.actor.getSnapshot().context.probeFailures).toBe(0);
    // The count starts afresh: one more failure is again only a blip.
    kiosk.service.state = 'down';
    await kiosk.advance(PROBE_INTERVAL_MS);
    expect(offline(kiosk)).toBe(false);
  });

  it('a check that hangs counts as a failure after the timeout, and is abandoned', async () => {
    const kiosk = startKiosk('hang');
    await kiosk.settle();
    await kiosk.advance(PROBE_TIMEOUT_MS);
    expect(kiosk.service.aborted).toBe(1);
    expect(kiosk.actor.getSnapshot().context.probeFailures).toBe(1);
    await kiosk.advance(OFFLINE_RETRY_BASE_MS);
    expect(offline(kiosk)).toBe(false);
    await kiosk.advance(PROBE_TIMEOUT_MS);
    expect(offline(kiosk)).toBe(true);
    expect(kiosk.service.aborted).toBe(2);
  });

  it('no check runs during a visit', async () => {
    const kiosk = startKiosk('up');
    await kiosk.settle();
    kiosk.actor.send({ type: 'user.start' });
    const probes = kiosk.service.probes;
    await kiosk.advance(10 * PROBE_INTERVAL_MS);
    expect(kiosk.service.probes).toBe(probes);
  });

  it('a server gone down during triage ends the request for an agent as "service unavailable"', async () => {
    const kiosk = startKiosk('up');
    await kiosk.settle();
    const { actor } = kiosk;
    actor.send({ type: 'user.start' });
    actor.send({ type: 'user.chooseLanguage', language: 'en' });
    actor.send({ type: 'user.acceptPrivacy' });
    actor.send({ type: 'user.answer', optionId: 'passport' });
    actor.send({ type: 'user.answer', optionId: 'urgent' });
    actor.send({ type: 'user.continue' });
    actor.send({ type: 'user.talkToAgent' });
    await waitFor(actor, (s) => s.matches({ session: 'connecting' }));
    // What the signaling actor reports when the socket cannot be opened at all.
    kiosk.serverEvent({ type: 'server.disconnected' });
    expect(actor.getSnapshot().value).toBe('thanks');
    expect(actor.getSnapshot().context.ending).toBe('service-unavailable');
  });
});
