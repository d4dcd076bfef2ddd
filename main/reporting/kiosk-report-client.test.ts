import { describe, expect, it, vi } from 'vitest';
import { KioskReport } from '../../protocol/index.js';
import type { FetchLike } from '../enrolment/enrolment-client.js';
import { createLogger } from '../log/logger.js';
import type { OutOfServiceReport } from '../startup/crash-policy.js';
import { createKioskReporter, KIOSK_REPORT_ATTEMPTS, KIOSK_REPORT_FIRST_BACKOFF_MS, reportReasons, type ReportTimers } from './kiosk-report-client.js';

const TOKEN = 'device-secret-0123456789abcdef';
const REPORT: OutOfServiceReport = { at: '2025-01-06T09:00:00.000Z', crashCount: 2, recentReasons: ['crashed', 'oom'], outOfServiceCount: 1 };

/** Timers that only run when the test says so, recording each delay asked for. */
function manualTimers() {
  const due: { run: () => void; ms: number; handle: number }[] = [];
  let next = 0;
  const timers: ReportTimers = {
    setTimeout: (run, ms) => {
      next += 1;
      due.push({ run, ms, handle: next });
      return next;
    },
    clearTimeout: (handle) => {
      const index = due.findIndex((timer) => timer.handle === handle);
      if (index >= 0) due.splice(index, 1);
    },
  };
  const delays: number[] = [];
  /** Lets the pending fetch settle, then fires the next timer. */
  const fireNext = async () => {
    await vi.waitFor(() => expect(due.length).toBeGreaterThan(0));
    const timer = due.shift();
    delays.push(timer?.ms ?? -1);
    timer?.run();
  };
  return { timers, due, delays, fireNext };
}

function setUp(answers: (number | Error)[]) {
  const lines: string[] = [];
  const log = createLogger('test', (line) => lines.push(line));
  const calls: { url: string; init: Parameters<FetchLike>[1] }[] = [];
  const fetch = vi.fn<FetchLike>(async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? 204;
    if (answer instanceof Error) throw answer;
    return { status: answer, json: async () => ({}) };
  });
  const clock = manualTimers();
  const reporter = createKioskReporter({ serverUrl: 'wss://signaling.example.ca/ws', kioskId: 'snb-01', token: TOKEN, fetch, timers: clock.timers, log });
  return { reporter, calls, lines, ...clock };
}

describe('kiosk report client', () => {
  it('sends one out-of-service report with the bearer token, a protocol-valid body and no wait', async () => {
    const { reporter, calls, lines, due } = setUp([204]);
    reporter.outOfService(REPORT);
    await reporter.idle();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://signaling.example.ca/api/kiosk-report');
    expect(calls[0]?.init.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
    expect(KioskReport.parse(JSON.parse(calls[0]?.init.body ?? ''))).toEqual({
      kioskId: 'snb-01',
      kind: 'out-of-service',
      crashCount: 2,
      reasons: ['crashed', 'oom'],
      outOfServiceCount: 1,
    });
    expect(due).toHaveLength(0);
    expect(lines.join('\n')).toContain('kiosk report sent');
  });

  it('retries a failed send with doubling back-off, then succeeds', async () => {
    const { reporter, calls, delays, fireNext } = setUp([new TypeError('fetch failed'), 503, 204]);
    reporter.outOfService(REPORT);
    await fireNext();
    await fireNext();
    await reporter.idle();
    expect(calls).toHaveLength(3);
    expect(delays).toEqual([KIOSK_REPORT_FIRST_BACKOFF_MS, KIOSK_REPORT_FIRST_BACKOFF_MS * 2]);
  });

  it('gives up quietly after the last try and never logs the token', async () => {
    const failure = new TypeError(`fetch failed`);
    const { reporter, calls, lines, fireNext, due } = setUp(Array.from({ length: KIOSK_REPORT_ATTEMPTS + 3 }, () => failure));
    reporter.outOfService(REPORT);
    for (let i = 1; i < KIOSK_REPORT_ATTEMPTS; i += 1) await fireNext();
    await reporter.idle();
    expect(calls).toHaveLength(KIOSK_REPORT_ATTEMPTS);
    expect(due).toHaveLength(0);
    expect(lines.some((line) => line.includes('kiosk report given up'))).toBe(true);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('does not retry a refusal (401): a wrong or revoked credential will not get better', async () => {
    const { reporter, calls, lines, due } = setUp([401]);
    reporter.outOfService(REPORT);
    await reporter.idle();
    expect(calls).toHaveLength(1);
    expect(due).toHaveLength(0);
    expect(lines.join('\n')).toContain('HTTP 401');
  });

  it('sends back-in-service after out-of-service, in that order, even when the first needed retries', async () => {
    const { reporter, calls, fireNext } = setUp([503, 204, 204]);
    reporter.outOfService(REPORT);
    reporter.backInService({ crashCount: 2, outOfServiceCount: 1 });
    await fireNext();
    await reporter.idle();
    const kinds = calls.map((call) => (JSON.parse(call.init.body) as { kind: string }).kind);
    expect(kinds).toEqual(['out-of-service', 'out-of-service', 'back-in-service']);
  });

  it('stops retrying when disposed', async () => {
    const { reporter, calls, due } = setUp([503, 204]);
    reporter.outOfService(REPORT);
    await vi.waitFor(() => expect(due).toHaveLength(1));
    reporter.dispose();
    await reporter.idle();
    expect(calls).toHaveLength(1);
    expect(due).toHaveLength(0);
  });

  it('maps reasons to the bounded protocol list', () => {
    expect(reportReasons(['crashed', 'load-failed', 'something-new'])).toEqual(['crashed', 'load-failed', 'other']);
    expect(reportReasons(Array.from({ length: 30 }, () => 'oom'))).toHaveLength(10);
  });
});
