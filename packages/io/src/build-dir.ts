import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicBuildOptions {
  /** How long to wait for another build holding the lock before giving up (default 10 minutes). */
  waitMs?: number;
  /** Told once when waiting for another build. */
  log?: (message: string) => void;
}

/**
 * Writes a directory atomically and exclusively: `write` fills a temporary sibling directory, which
 * then replaces `target` by renames, so that readers see the old build or the new one, never half of
 * one; a lock file (`<target>.lock`, holding the pid and its start time) makes a second concurrent run
 * wait. A lock left by a process that no longer exists, or whose pid now names another process, is
 * taken over. If `write` throws, `target` is left untouched.
 * @example await buildAtomically('data/build', (dir) => writeFileSync(join(dir, 'a.json'), '{}'))
 */
export async function buildAtomically(
  target: string,
  write: (dir: string) => void | Promise<void>,
  options: AtomicBuildOptions = {},
): Promise<void> {
  const lock = `${target}.lock`;
  await acquire(lock, options.waitMs ?? 600_000, options.log ?? (() => {}));
  const tmp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    removeLeftovers(target);
    mkdirSync(tmp, { recursive: true });
    await write(tmp);
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(lock, { force: true });
  }
}

async function acquire(lock: string, waitMs: number, log: (m: string) => void): Promise<void> {
  mkdirSync(dirname(lock), { recursive: true });
  const start = Date.now();
  let told = false;
  for (;;) {
    try {
      // The pid and its start time: a pid recycled by another program after a crash is not the holder.
      writeFileSync(lock, `${process.pid} ${startTime(process.pid) ?? ''}`.trim(), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const [pidText, started] = readFileSync(lock, 'utf8').trim().split(/\s+/);
    const holder = Number(pidText);
    if (!alive(holder) || (started !== undefined && startTime(holder) !== null && startTime(holder) !== started)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() - start > waitMs)
      throw new Error(`${lock} : un autre build (pid ${holder}) tient le verrou depuis plus de ${waitMs / 1000} s`);
    if (!told) log(`Un autre build est en cours (pid ${holder}) : attente de sa fin…`);
    told = true;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** When a process started (clock ticks since boot, /proc/PID/stat field 22), or null where /proc is absent. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary and old directories left by an interrupted run (only removed while holding the lock). */
function removeLeftovers(target: string): void {
  const dir = dirname(target);
  const name = basename(target);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (f.startsWith(`${name}.tmp-`) || f.startsWith(`${name}.old-`))
      rmSync(join(dir, f), { recursive: true, force: true });
  }
}
