/**
 * The C allocator setting the server ships with (`npm run server`, `npm start`), and the advice
 * printed at start when it is missing. docs/configuration.md ("Memory") and docs/decisions.md.
 *
 * glibc's malloc serves blocks above its mmap threshold (128 KiB) with their own mapping and
 * returns them to the system when freed, but the first such free raises the threshold to that
 * block's size (up to 32 MiB). From then on a block that size is carved from the arena of the
 * thread that asked for it, and stays there when freed. A password check (scrypt, N = 2^14,
 * r = 8) needs 16 MiB, and runs on libuv's four threads in turn, each with its own arena:
 * 40 sign-ins left the process 68 MB larger, against 17 MB when the check ran on the main
 * thread. A fixed threshold keeps glibc from raising it, and each check's 16 MiB is returned.
 */
export const SHIPPED_ALLOCATOR_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/** True where the C library is glibc: the only one that reads the variable. */
export function runsOnGlibc(): boolean {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: unknown } };
  return typeof report.header?.glibcVersionRuntime === 'string';
}

/**
 * A line for the start-up banner when the server runs on glibc without the shipped setting. The
 * C library is asked only when the setting is missing: finding out takes a whole process report.
 */
export function allocatorAdvice(env: NodeJS.ProcessEnv = process.env, onGlibc: () => boolean = runsOnGlibc): string | undefined {
  const missing = Object.entries(SHIPPED_ALLOCATOR_ENV).filter(([name, value]) => env[name] !== value);
  if (missing.length === 0 || !onGlibc()) return undefined;
  const settings = missing.map(([name, value]) => `${name}=${value}`).join(' ');
  return `Memory: start the server with ${settings} in its environment (npm run server does), or each password sign-in thread keeps 16 MB (docs/configuration.md).`;
}
