import { performance } from 'node:perf_hooks';
import { startChildServer, type ServerStats } from '../lib/childServer.js';
import { PROBE_AGENT_USERNAME, PROBE_KIOSK_COUNT, PROBE_QUEUE, probeKioskId, probeKioskToken } from '../lib/identities.js';
import { mapLimit, median, percentile, round } from '../lib/stats.js';
import { GROW_CONCURRENCY } from '../signaling/fleet.js';
import { createOurFleet, OurClient } from '../signaling/ourFleet.js';

export interface RoutingPlan {
  /** Waiting visitors at which the per-event cost is measured, ascending. */
  waitingSteps: number[];
  /** The step whose join → offer p99 is reported. */
  p99At: number;
  /** Agents in calls besides the probe agent (the 200 agents = these + the probe). */
  busyAgents: number;
  /** Join → offer → leave cycles of the probe visitor at each step. */
  probeCycles: number;
  setupTimeoutMs: number;
}

export interface RoutingResult {
  p99MsAt1000: number;
  scaling: {
    cpuMsPerEventAt100: number;
    cpuMsPerEventAt1000: number;
    cpuMsPerEventAt10000: number;
    /** Cost at 10,000 waiting over cost at 100: ~100 would mean linear growth. */
    growth100To10000: number;
  };
}

export interface RoutingStep {
  waiting: number;
  joinToOfferP50Ms: number;
  joinToOfferP99Ms: number;
  cpuMsPerEvent: number;
}

/** Visitors who wait: a queue the busy agents cover but cannot take (they are in calls). */
const WAITING_QUEUE = { serviceLine: 'employment-insurance', language: 'en' } as const;
const STEP_TIMEOUT_MS = 5_000;

const cpuMs = (s: ServerStats) => (s.cpuUserUs + s.cpuSystemUs) / 1000;

/**
 * Routing cost as the queue grows. The server holds `busyAgents` agents in calls and N
 * visitors waiting for them; a probe agent serves a queue of its own (French passport).
 * Probe visitors (taking turns) join that queue and leave it again, over and over: each cycle is two
 * routing events (join, leave) through the real server, and the join → offer time is what
 * a visitor would see. The server's own CPU time per event comes from its process.
 */
export async function benchRouting(plan: RoutingPlan, log: (line: string) => void): Promise<{ summary: RoutingResult; steps: RoutingStep[] }> {
  const largest = Math.max(...plan.waitingSteps);
  const server = await startChildServer({ kind: 'ours', kiosks: plan.busyAgents + largest, agents: plan.busyAgents });
  const url = `http://127.0.0.1:${server.port}`;
  let errors = 0;
  const onError = () => {
    errors += 1;
  };
  const busy = createOurFleet(url, { received: () => undefined });
  const waiting: OurClient[] = [];
  const steps: RoutingStep[] = [];
  try {
    await busy.grow(plan.busyAgents * 2, plan.setupTimeoutMs);
    const probeAgent = await OurClient.connect(url, onError);
    await probeAgent.helloAgent(PROBE_AGENT_USERNAME, STEP_TIMEOUT_MS);
    const available = probeAgent.next('presence.status', STEP_TIMEOUT_MS, (m) => m.state === 'available');
    probeAgent.send({ type: 'presence.set', status: 'available' });
    await available;
    const probeKiosks: OurClient[] = [];
    for (let i = 0; i < PROBE_KIOSK_COUNT; i++) {
      const kiosk = await OurClient.connect(url, onError);
      await kiosk.helloKiosk({ id: probeKioskId(i), token: probeKioskToken(i) }, STEP_TIMEOUT_MS);
      probeKiosks.push(kiosk);
    }

    /** Probe visitors (taking turns) join the probe queue and leave it: returns join → offer times. */
    const probeCycles = async (cycles: number): Promise<number[]> => {
      const latencies: number[] = [];
      for (let cycle = 0; cycle < cycles; cycle++) {
        const probeKiosk = probeKiosks[cycle % probeKiosks.length]!;
        const offered = probeAgent.next('call.offer', STEP_TIMEOUT_MS);
        const start = performance.now();
        probeKiosk.send({ type: 'queue.join', ...PROBE_QUEUE });
        await offered;
        latencies.push(performance.now() - start);
        const withdrawn = probeAgent.next('call.offer-withdrawn', STEP_TIMEOUT_MS);
        const left = probeKiosk.next('queue.left', STEP_TIMEOUT_MS);
        probeKiosk.send({ type: 'queue.leave' });
        await Promise.all([withdrawn, left]);
      }
      return latencies;
    };

    for (const target of plan.waitingSteps) {
      const first = waiting.length;
      const indices = Array.from({ length: target - first }, (_, i) => plan.busyAgents + first + i);
      const setupStart = Date.now();
      await mapLimit(indices, GROW_CONCURRENCY, async (index) => {
        const kiosk = await OurClient.connect(url, onError);
        await kiosk.helloKiosk(index, plan.setupTimeoutMs);
        const queued = kiosk.next('queue.status', plan.setupTimeoutMs);
        kiosk.send({ type: 'queue.join', ...WAITING_QUEUE });
        await queued;
        waiting.push(kiosk);
      });
      log(`  routing: ${waiting.length} visitors waiting (setup ${Date.now() - setupStart} ms)`);

      // The first step runs the cycles once unmeasured: the server's JIT warms up on them, so the
      // smallest queue is not charged for compiling the routing path.
      if (steps.length === 0) await probeCycles(plan.probeCycles);
      const before = await server.stats();
      const latencies = await probeCycles(plan.probeCycles);
      const after = await server.stats();
      const step: RoutingStep = {
        waiting: target,
        joinToOfferP50Ms: median(latencies),
        joinToOfferP99Ms: percentile(latencies, 99),
        cpuMsPerEvent: (cpuMs(after) - cpuMs(before)) / (plan.probeCycles * 2),
      };
      steps.push(step);
      log(`  routing: ${target} waiting: join→offer p50 ${round(step.joinToOfferP50Ms)} ms p99 ${round(step.joinToOfferP99Ms)} ms, server CPU ${round(step.cpuMsPerEvent, 3)} ms/event`);
    }
    probeAgent.close();
    for (const kiosk of probeKiosks) kiosk.close();
  } finally {
    for (const kiosk of waiting) kiosk.close();
    await busy.close();
    await server.stop();
  }
  if (errors > 0 || busy.errors > 0) log(`  routing: ${errors + busy.errors} client errors during setup`);
  const at = (waitingCount: number) => steps.find((s) => s.waiting === waitingCount);
  const [low, mid, high] = plan.waitingSteps.map((w) => at(w)?.cpuMsPerEvent ?? Number.NaN);
  return {
    steps,
    summary: {
      p99MsAt1000: round(at(plan.p99At)?.joinToOfferP99Ms ?? Number.NaN),
      scaling: {
        cpuMsPerEventAt100: round(low ?? Number.NaN, 3),
        cpuMsPerEventAt1000: round(mid ?? Number.NaN, 3),
        cpuMsPerEventAt10000: round(high ?? Number.NaN, 3),
        growth100To10000: round((high ?? Number.NaN) / (low ?? Number.NaN)),
      },
    },
  };
}
