/** Two short tones every RING_PERIOD_MS, like a desk phone: heard by an agent looking at another window. */
export const RING_PERIOD_MS = 2_000;
const TONE_HZ = [660, 880] as const;
const TONE_MS = 180;
const RING_GAIN = 0.15;

/**
 * Rings until the returned stop is called. Resolves to whether sound is really playing: a browser
 * that refuses audio (no user gesture yet, no output device) leaves the visual ring alone.
 */
export function startRing(createContext: () => AudioContext = () => new AudioContext()): { audible: Promise<boolean>; stop(): void } {
  let context: AudioContext | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const chime = () => {
    if (!context) return;
    TONE_HZ.forEach((hz, i) => {
      const at = context!.currentTime + (i * TONE_MS) / 1000;
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.frequency.value = hz;
      gain.gain.value = RING_GAIN;
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(at);
      oscillator.stop(at + TONE_MS / 1000);
    });
  };
  const audible = (async () => {
    try {
      context = createContext();
      if (context.state !== 'running') await context.resume();
      if (stopped || context.state !== 'running') return false;
      chime();
      timer = setInterval(chime, RING_PERIOD_MS);
      return true;
    } catch {
      return false;
    }
  })();
  return {
    audible,
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      void context?.close().catch(() => {});
    },
  };
}
