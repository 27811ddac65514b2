import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { createInProcessLab } from '../../inProcessClient';
import type { SweepRequest } from '../../protocol/sweepMessages';

const lab = createInProcessLab();
afterAll(() => lab.close());

const request: SweepRequest = {
  kind: 'shallow',
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 1 },
  backend: 'cpu',
  setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
  space: ['hidden=4,8'],
  mode: 'grid',
  samples: 0,
  seed: 1,
  repeats: 1,
};

describe('sweep handler', () => {
  beforeAll(async () => {
    await lab.client.request('data/demo', { users: 300, seed: 3 });
  });

  it('trains every point on one split, with progress, one summary per run and a best point', async () => {
    const points: number[] = [];
    let progress = 0;
    const outcome = await lab.client.request('sweep/run', request, {
      onEvent: (e) => {
        if (e.kind === 'sweep/point') points.push(e.payload.index);
        if (e.kind === 'sweep/progress') progress++;
      },
    });
    expect(outcome.status).toBe('done');
    expect(outcome.points.map((p) => p.settings.hidden)).toEqual([4, 8]);
    expect(points).toEqual([0, 1]);
    expect(progress).toBeGreaterThan(0);
    expect(outcome.best).not.toBeNull();
    expect(outcome.validationUsers).toBeGreaterThan(0);
    // no Workers setting: the runs train on the lab worker itself
    expect(outcome.workers).toBe(1);
  });

  it('refuses values it cannot read and a sweep past the run limit', async () => {
    await expect(lab.client.request('sweep/run', { ...request, space: ['colour=red'] })).rejects.toThrow();
    await expect(
      lab.client.request('sweep/run', { ...request, space: ['hidden=4,8,16,32,64'], repeats: 50 }),
    ).rejects.toThrow('keep it to 200 or fewer');
    await expect(lab.client.request('sweep/run', { ...request, workers: 9 })).rejects.toThrow(
      'The sweep cannot start: workers must be a whole number from 1 to 8, got 9.',
    );
  });

  it('stops on cancel and keeps the points that finished', async () => {
    const controller = new AbortController();
    const outcome = await lab.client.request(
      'sweep/run',
      { ...request, space: ['hidden=4,8,16'] },
      { signal: controller.signal, onEvent: (e) => e.kind === 'sweep/point' && controller.abort() },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.points[0].runs).toHaveLength(1);
    expect(outcome.points[2].runs).toHaveLength(0);
  });

  it('refuses a run beside a running sweep, saying that a sweep holds the training slot', async () => {
    const controller = new AbortController();
    const sweeping = lab.client.request(
      'sweep/run',
      { ...request, space: ['hidden=4,8,16'] },
      { signal: controller.signal },
    );
    // the sweep holds the slot from its first progress event
    await new Promise<void>((resolve) => {
      const off = lab.client.on('sweep/progress', () => {
        off();
        resolve();
      });
    });
    await expect(
      lab.client.request('train/run', {
        runId: 'beside',
        name: 'beside',
        kind: 'shallow',
        hyperparameters: request.hyperparameters,
        backend: 'cpu',
        setup: request.setup,
      }),
    ).rejects.toThrow('A sweep is training: start the next run after it ends, or cancel the sweep first.');
    controller.abort();
    await sweeping;
  });
});
