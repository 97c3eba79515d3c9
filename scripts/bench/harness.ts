/** Minimal benchmark helpers: median of timed runs after warm-up, and a Markdown table. */

export interface Timing {
  name: string;
  medianMs: number;
  runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the median in ms. */
export function bench(name: string, fn: () => unknown, runs = 30, warmup = 5): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)]!, runs };
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
