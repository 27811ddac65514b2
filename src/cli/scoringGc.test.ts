import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lastJsonLine, writeDemoFiles } from '../test/cliFixtures';
import { scoresOnWorkers } from './scoringGc';
import { command as train } from './train';

describe('which score command lines relaunch with --single-threaded-gc', () => {
  it('those that score on more than one worker thread, with either engine', () => {
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--out', 's.csv'], 2)).toBe(true);
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--workers', '3'], 1)).toBe(true);
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--workers=2', '--engine', 'duckdb'], 1)).toBe(true);
  });

  it('not one worker, a one-core machine, --stdin, or a --workers value the command will refuse', () => {
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--workers', '1'], 2)).toBe(false);
    expect(scoresOnWorkers(['--model', 'm', 'e.csv'], 1)).toBe(false);
    expect(scoresOnWorkers(['--model', 'm', '--stdin'], 2)).toBe(false);
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--workers', '1.5'], 2)).toBe(false);
    expect(scoresOnWorkers(['--model', 'm', 'e.csv', '--workers'], 2)).toBe(false);
  });
});

describe('score on worker threads from the command line', () => {
  const demo = writeDemoFiles('tag-lab-scoring-gc-', { users: 300, seed: 6 });
  afterAll(() => demo.remove());
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 120_000 });

  it('relaunches itself with the flag, says so, and passes the exit code and messages through', async () => {
    const runDir = join(demo.dir, 'run');
    await lastJsonLine(() =>
      train.run([
        demo.events,
        demo.categories,
        '--rules',
        demo.rules,
        '--model',
        'shallow',
        '--epochs',
        '1',
        '--out',
        runDir,
        '--json',
      ]),
    );
    const scores = join(demo.dir, 'scores.csv');
    const ok = cli([
      'score',
      '--model',
      runDir,
      demo.events,
      demo.categories,
      '--out',
      scores,
      '--workers',
      '2',
      '--json',
    ]);
    expect(ok.status).toBe(0);
    const json = JSON.parse(ok.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(json).toMatchObject({ users: 300, workers: 2, gc: 'single-threaded' });

    const missing = join(demo.dir, 'no-such-file.csv');
    const bad = cli(['score', '--model', runDir, missing, '--out', scores, '--workers', '2']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no-such-file.csv');
  }, 180_000);
});
