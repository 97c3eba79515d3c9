/** Minimal benchmark helpers: median and best of timed runs after warm-up, and a Markdown table. */

export interface Timing<T = unknown> {
  name: string;
  medianMs: number;
  /** The best run: what the peer benchmark compares (neither side's garbage collector decides). */
  minMs: number;
  runs: number;
  /**
   * Memory pages the process touched for the first time, per timed run (minor page faults): the cost
   * of fresh memory, which some machines charge dearly (see calibratePageFault).
   */
  faultsPerRun: number;
  /** The last run's result (a sink: the work cannot be optimised away). */
  value: T;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the median and the best time in ms. */
export function bench<T>(name: string, fn: () => T, runs = 30, warmup = 5): Timing<T> {
  let value = fn();
  for (let i = 1; i < warmup; i++) value = fn();
  const times: number[] = [];
  const faults = process.resourceUsage().minorPageFault;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  const faultsPerRun = (process.resourceUsage().minorPageFault - faults) / runs;
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, runs, faultsPerRun, value };
}

/**
 * What touching fresh memory costs on this machine: µs per page, from filling a new array of `mb`
 * megabytes (each page is mapped on its first write).
 */
export function calibratePageFault(mb = 28): { usPerPage: number; pages: number } {
  const f0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  new Float64Array((mb << 20) / 8).fill(1);
  const ms = performance.now() - t0;
  const pages = process.resourceUsage().minorPageFault - f0;
  return { usPerPage: (1000 * ms) / Math.max(1, pages), pages };
}

/** A linear congruential generator in [0, 1): the same seed gives the same points in every bench. */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Formats a Markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Milliseconds with adequate precision. */
export const ms = (x: number) => (x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));

/** Tracks the peak resident set size while sampling. */
export function peakRss(): { sample: () => void; peakMb: () => number } {
  let peak = process.memoryUsage().rss;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
    peakMb: () => peak / 1024 / 1024,
  };
}
