import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAtomically } from './build-dir.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'cls-build-'));

describe('buildAtomically', () => {
  it('replaces the target with what write produced, and leaves no temporary directory or lock', async () => {
    const root = scratch();
    const target = join(root, 'build');
    await buildAtomically(target, (dir) => writeFileSync(join(dir, 'a.txt'), 'one'));
    await buildAtomically(target, (dir) => writeFileSync(join(dir, 'b.txt'), 'two'));
    expect(readdirSync(target)).toEqual(['b.txt']);
    expect(readdirSync(root)).toEqual(['build']);
  });

  it('leaves the previous build untouched when write fails half-way (bug: half-written tile set served)', async () => {
    const root = scratch();
    const target = join(root, 'build');
    await buildAtomically(target, (dir) => writeFileSync(join(dir, 'a.txt'), 'whole'));
    await expect(
      buildAtomically(target, (dir) => {
        writeFileSync(join(dir, 'a.txt'), 'half');
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('whole');
    expect(readdirSync(root)).toEqual(['build']);
  });

  it('makes a concurrent run wait for the first (bug: two runs left 144 of 548 tiles)', async () => {
    const root = scratch();
    const target = join(root, 'build');
    const order: string[] = [];
    const slow = (name: string) => async (dir: string) => {
      order.push(`${name} start`);
      for (let i = 0; i < 5; i++) {
        writeFileSync(join(dir, `${name}-${i}.txt`), name);
        await new Promise((r) => setTimeout(r, 20));
      }
      order.push(`${name} end`);
    };
    const told: string[] = [];
    await Promise.all([
      buildAtomically(target, slow('first')),
      new Promise((r) => setTimeout(r, 10)).then(() =>
        buildAtomically(target, slow('second'), { log: (m) => told.push(m) }),
      ),
    ]);
    expect(order).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(told[0]).toMatch(/Un autre build est en cours/);
    expect(readdirSync(target).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `second-${i}.txt`));
  });

  it('takes over a lock left by a process that no longer exists, and removes its leftovers', async () => {
    const root = scratch();
    const target = join(root, 'build');
    const leftover = `${target}.tmp-999999999`;
    mkdirSync(leftover);
    writeFileSync(`${target}.lock`, '999999999');
    await buildAtomically(target, (dir) => writeFileSync(join(dir, 'x'), ''), { waitMs: 1000 });
    expect(existsSync(`${target}.lock`)).toBe(false);
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(target)).toEqual(['x']);
  });

  it('takes over a lock whose pid now names another process (bug: a recycled pid made build:data wait 10 minutes)', async () => {
    const root = scratch();
    const target = join(root, 'build');
    // This process is alive, but it did not start at the time the lock says: the holder is gone.
    writeFileSync(`${target}.lock`, `${process.pid} 1`);
    await buildAtomically(target, (dir) => writeFileSync(join(dir, 'x'), ''), { waitMs: 300 });
    expect(readdirSync(target)).toEqual(['x']);
  });

  it('gives up with a message naming the holder when another live build keeps the lock', async () => {
    const root = scratch();
    const target = join(root, 'build');
    // The pid and its real start time, as a live build writes them.
    const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    writeFileSync(`${target}.lock`, `${process.pid} ${started}`);
    await expect(buildAtomically(target, () => {}, { waitMs: 300 })).rejects.toThrow(
      `un autre build (pid ${process.pid}) tient le verrou`,
    );
  });
});
