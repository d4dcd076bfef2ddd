import { beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_SILENT_AFTER_MS, type ServerMessage, type SiteSnapshot } from '../../../protocol/index.js';
import { CLOSE_CODES } from '../closeCodes.js';
import type { KioskConfig, StaffConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { OVERVIEW_MIN_INTERVAL_MS, OVERVIEW_REFRESH_MS } from '../overview/overviewSchedule.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { FakeClock } from '../testing/fakeClock.js';
import { Switchboard, type Outbox } from '../switchboard/switchboard.js';
import { HELP_REQUEST_EXPIRY_MS, type SiteDesk } from './siteDesk.js';

class FakeOutbox implements Outbox {
  readonly sent: ServerMessage[] = [];
  closedWith: number | undefined;
  send(message: ServerMessage): void {
    this.sent.push(message);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  snapshots(): SiteSnapshot[] {
    return this.sent.filter((m): m is SiteSnapshot => m.type === 'site.snapshot');
  }
}

const SITES = [
  { id: 'site-1', name: 'Fredericton' },
  { id: 'site-2', name: 'Moncton' },
];
const kiosk = (id: string, siteId: string): KioskConfig => ({ id, siteId, tokenSha256: '0'.repeat(64) });
const KIOSKS = [kiosk('k-1', 'site-1'), kiosk('k-2', 'site-1'), kiosk('k-9', 'site-2')];
const staff = (id: string, siteId: string): StaffConfig => ({ id, username: id, passwordHash: 'unused', siteId });

describe('site desk (with a switchboard and a fake clock)', () => {
  let clock: FakeClock;
  let board: Switchboard;
  let desk: SiteDesk;

  beforeEach(() => {
    clock = new FakeClock();
    board = new Switchboard({ clock, store: createMemoryStore(), logger: silentLogger, offerTimeoutMs: 20_000 });
    desk = board.useSiteStaff({ sites: SITES, kiosks: KIOSKS, outOfService: ['k-2'] });
  });

  const attachStaff = (id: string, siteId: string) => {
    const outbox = new FakeOutbox();
    board.attachStaff(staff(id, siteId), outbox);
    return outbox;
  };

  it('sends a snapshot at sign-in, with the out-of-service state read at start', () => {
    const sam = attachStaff('staff-1', 'site-1');
    expect(sam.snapshots()).toEqual([
      {
        type: 'site.snapshot',
        siteId: 'site-1',
        siteName: 'Fredericton',
        kiosks: [
          { kioskId: 'k-1', connection: 'offline', activity: 'idle', outOfService: false, silent: false },
          { kioskId: 'k-2', connection: 'offline', activity: 'idle', outOfService: true, silent: false },
        ],
        help: [],
      },
    ]);
  });

  it('coalesces a burst of changes into one push, at most one a second, and only when something shown changed', () => {
    const sam = attachStaff('staff-1', 'site-1');
    board.attachKiosk(KIOSKS[0] as KioskConfig, new FakeOutbox());
    board.joinQueue('k-1', 'benefits', 'en');
    board.requestHelp('k-1', 'waiting');
    clock.advance(0);
    expect(sam.snapshots()).toHaveLength(2);
    const latest = sam.snapshots().at(-1);
    expect(latest?.kiosks[0]).toMatchObject({ kioskId: 'k-1', connection: 'online', activity: 'waiting', position: 1 });
    expect(latest?.help).toEqual([{ helpId: expect.any(String), kioskId: 'k-1', step: 'waiting', waitedMs: 0 }]);

    // Another site's kiosk changes: recomputed, compared, not sent.
    board.attachKiosk(KIOSKS[2] as KioskConfig, new FakeOutbox());
    clock.advance(OVERVIEW_MIN_INTERVAL_MS);
    expect(sam.snapshots()).toHaveLength(2);

    // Nothing changes, but a visitor waits: the refresh keeps the waiting times true.
    clock.advance(OVERVIEW_REFRESH_MS);
    expect(sam.snapshots()).toHaveLength(3);
    expect(sam.snapshots().at(-1)?.help[0]?.waitedMs).toBeGreaterThan(0);
  });

  it('sends nothing on a refresh when no time on the screen moves', () => {
    const sam = attachStaff('staff-1', 'site-1');
    clock.advance(OVERVIEW_REFRESH_MS * 3);
    expect(sam.snapshots()).toHaveLength(1);
  });

  it('remembers when each kiosk was last heard from, and flags one silent for too long', () => {
    const sam = attachStaff('staff-1', 'site-1');
    const kioskOutbox = new FakeOutbox();
    board.attachKiosk(KIOSKS[0] as KioskConfig, kioskOutbox);
    board.partyLost({ role: 'kiosk', id: 'k-1' }, kioskOutbox, { deliberate: true });
    clock.advance(KIOSK_SILENT_AFTER_MS - 1);
    const row = (id: string) => sam.snapshots().at(-1)?.kiosks.find((k) => k.kioskId === id);
    expect(row('k-1')).toMatchObject({ connection: 'offline', silent: false });
    // k-2 was never heard from: silent once the server has run that long without news of it.
    clock.advance(1);
    expect(row('k-1')).toMatchObject({ silent: true, lastSeenMsAgo: KIOSK_SILENT_AFTER_MS });
    expect(row('k-2')).toMatchObject({ silent: true });
    expect(row('k-2')?.lastSeenMsAgo).toBeUndefined();
    // A device check is news too.
    board.attachKiosk(KIOSKS[1] as KioskConfig, new FakeOutbox());
    board.reportDevices('k-2', { camera: 'ok', microphone: 'ok', speaker: 'ok' });
    clock.advance(OVERVIEW_MIN_INTERVAL_MS);
    expect(row('k-2')).toMatchObject({ silent: false, lastSeenMsAgo: expect.any(Number) });
  });

  it('drops a help request nobody resolved after the expiry time', () => {
    const sam = attachStaff('staff-1', 'site-1');
    board.attachKiosk(KIOSKS[0] as KioskConfig, new FakeOutbox());
    board.requestHelp('k-1', 'triage');
    clock.advance(0);
    expect(desk.openHelpCount('site-1')).toBe(1);
    const helpId = sam.snapshots().at(-1)?.help[0]?.helpId ?? '';
    clock.advance(HELP_REQUEST_EXPIRY_MS);
    expect(sam.snapshots().at(-1)?.help).toEqual([]);
    expect(() => desk.acknowledge('staff-1', 'k-1', helpId)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('answers a staff action at once, to every staff member of that site and no other', () => {
    const sam = attachStaff('staff-1', 'site-1');
    const sue = attachStaff('staff-3', 'site-1');
    const olga = attachStaff('staff-2', 'site-2');
    board.attachKiosk(KIOSKS[0] as KioskConfig, new FakeOutbox());
    board.requestHelp('k-1', 'triage');
    clock.advance(0);
    const helpId = sam.snapshots().at(-1)?.help[0]?.helpId ?? '';
    const before = { sue: sue.snapshots().length, olga: olga.snapshots().length };
    desk.acknowledge('staff-1', 'k-1', helpId);
    expect(sue.snapshots()).toHaveLength(before.sue + 1);
    expect(sue.snapshots().at(-1)?.help[0]?.acknowledgedBy).toBe('staff-1');
    expect(olga.snapshots()).toHaveLength(before.olga);
    expect(() => desk.acknowledge('staff-2', 'k-1', helpId)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => desk.resolve('staff-2', 'k-404', helpId)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('replaces a staff member\'s older connection, ignores its late close, and stops its timers when nobody is left', () => {
    const first = attachStaff('staff-1', 'site-1');
    const second = attachStaff('staff-1', 'site-1');
    expect(first.closedWith).toBe(CLOSE_CODES.replaced);
    board.partyLost({ role: 'staff', id: 'staff-1' }, first);
    board.attachKiosk(KIOSKS[0] as KioskConfig, new FakeOutbox());
    clock.advance(0);
    expect(second.snapshots().at(-1)?.kiosks[0]?.connection).toBe('online');
    board.partyLost({ role: 'staff', id: 'staff-1' }, second, { deliberate: true });
    const pushed = second.snapshots().length;
    board.requestHelp('k-1', 'triage');
    clock.advance(OVERVIEW_REFRESH_MS);
    expect(second.snapshots()).toHaveLength(pushed);
  });
});
