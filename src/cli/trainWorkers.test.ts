import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';
import { command as train } from './train';
import { lastJsonLine, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-train-workers-', { users: 600, seed: 5 });
afterAll(() => demo.remove());

const trainArgs = (workers: string, out: string) => [
  demo.events,
  demo.categories,
  '--rules',
  demo.rules,
  '--model',
  'dual',
  '--epochs',
  '2',
  '--hidden',
  '8',
  '--fc',
  '8',
  '--projection',
  '8',
  '--backend',
  'cpu',
  '--workers',
  workers,
  '--out',
  join(demo.dir, out),
  '--json',
];

describe('train --workers', () => {
  it('trains over two worker threads to the one-worker losses and AUC', async () => {
    const one = await lastJsonLine(() => train.run(trainArgs('1', 'one')));
    const two = await lastJsonLine(() => train.run(trainArgs('2', 'two')));
    expect(two.epochs).toBe(2);
    // float summation order only: measured |Δ| = 4e-9 on the validation loss and 0 on the AUC here
    expect(Math.abs((two.valLoss as number) - (one.valLoss as number))).toBeLessThan(1e-5);
    expect(Math.abs((two.valAuc as number) - (one.valAuc as number))).toBeLessThan(1e-5);
    // the run's record and its folder's manifest say how many workers trained it
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(demo.dir, dir, 'tag-lab.json'), 'utf8')) as {
        workers: number;
        run: { workers?: number };
      };
    expect(manifest('two')).toMatchObject({ workers: 2, run: { workers: 2 } });
    expect(manifest('one')).toMatchObject({ workers: 1, run: { workers: 1 } });
  }, 120_000);

  it('refuses a worker count it cannot use, and the stock path on several workers', async () => {
    await expect(train.run(trainArgs('0', 'zero'))).rejects.toThrow(UsageError);
    await expect(train.run(trainArgs('1.5', 'half'))).rejects.toThrow('--workers must be a whole number');
    await expect(train.run([...trainArgs('2', 'stock'), '--impl', 'stock'])).rejects.toThrow(
      '--impl stock trains on one worker',
    );
  });
});
