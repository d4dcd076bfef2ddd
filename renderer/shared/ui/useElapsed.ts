import { useEffect, useState } from 'react';

const TICK_MS = 1_000;

/** A duration that keeps counting locally between server updates: `baseMs` plus the time since it changed. */
export function useElapsed(baseMs: number, running = true): number {
  const [since, setSince] = useState(() => ({ baseMs, at: Date.now() }));
  const [now, setNow] = useState(() => Date.now());
  if (since.baseMs !== baseMs) setSince({ baseMs, at: Date.now() });
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  return baseMs + Math.max(0, now - since.at);
}
