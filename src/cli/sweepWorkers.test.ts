import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError, UsageError } from './args';
import { command as sweep } from './sweep';
import { lastJsonLine, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-sweep-workers-', { users: 500, seed: 4 });
afterAll(() => demo.remove());

const sweepArgs = (workers: string, grid: string[]) => [
  demo.events,
  demo.categories,
  '--rules',
  demo.rules,
  '--model',
  'lstm',
  '--grid',
  ...grid,
  '--epochs',
  '2',
  '--projection',
  '8',
  '--backend',
  'cpu',
  '--workers',
  workers,
  '--json',
];

type Point = { point: number; hidden: number; dropout: number; valAuc: number };

describe('sweep --workers', () => {
  it('trains the points on two job threads to the AUCs of one thread, in plan order, logging each run', async () => {
    const grid = ['hidden=2,6', 'dropout=0,0.3'];
    const one = await lastJsonLine(() => sweep.run(sweepArgs('1', grid)), { quietStderr: true });
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    let two: Record<string, unknown>;
    try {
      two = await lastJsonLine(() => sweep.run(sweepArgs('2', grid)));
    } finally {
      spy.mockRestore();
    }
    expect([one.workers, two.workers]).toEqual([1, 2]);
    const a = one.points as Point[];
    const b = two.points as Point[];
    expect(b.map((p) => [p.point, p.hidden, p.dropout])).toEqual(
      a.map((p) => [p.point, p.hidden, p.dropout]),
    );
    b.forEach((p, i) => expect(Math.abs(p.valAuc - a[i].valAuc)).toBeLessThan(1e-6));
    expect(new Set(a.map((p) => p.valAuc)).size).toBeGreaterThan(1);
    expect(stderr.filter((l) => /^run \d\.1 /.test(l))).toHaveLength(4);
    expect(stderr.join('')).toContain('2 worker threads');
  }, 180_000);

  it('stops the sweep when a job fails on its thread, naming the run, without hanging', async () => {
    // the planner lets hidden = 1e9 through; the model builder on the job thread refuses it (at most 512)
    const failing = sweep.run([...sweepArgs('2', ['hidden=4,1000000000,8']), '--quiet']);
    await expect(failing).rejects.toThrow(InputError);
    await expect(failing).rejects.toThrow(
      /^The sweep stopped: run 2\.1 \(hidden=1000000000\) failed: hidden must be a whole number from 1 to 512/,
    );
  }, 120_000);

  it('refuses a worker count it cannot use', async () => {
    await expect(sweep.run(sweepArgs('0', ['hidden=2']))).rejects.toThrow(UsageError);
    await expect(sweep.run(sweepArgs('9', ['hidden=2']))).rejects.toThrow('--workers must be a whole number');
  });
});
