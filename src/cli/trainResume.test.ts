import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from './args';
import { command as train } from './train';
import { lastJsonLine, writeDemoFiles } from '../test/cliFixtures';

const demo = writeDemoFiles('tag-lab-resume-', { users: 600, seed: 5 });
afterAll(() => demo.remove());
const { dir, events, categories, rules } = demo;

const trainArgs = (out: string, epochs: number) => [
  events,
  categories,
  '--rules',
  rules,
  '--model',
  'shallow',
  '--epochs',
  String(epochs),
  '--patience',
  '0',
  '--dropout',
  '0.3',
  '--backend',
  'cpu',
  '--out',
  out,
  '--json',
];

const readWeights = (out: string) => {
  const bytes = readFileSync(join(out, 'weights.bin'));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

describe('train --resume', () => {
  const whole = join(dir, 'whole');
  const killed = join(dir, 'killed');

  it('continues a run killed after epoch 2 to the weights of 4 epochs in one go', async () => {
    await lastJsonLine(() => train.run(trainArgs(whole, 4)));
    await lastJsonLine(() => train.run(trainArgs(killed, 2)));
    expect(readdirSync(join(killed, 'checkpoint')).sort()).toEqual(['settings.json', 'state.bin']);
    // what a kill after the second epoch leaves: the checkpoint, no model files yet
    for (const name of ['model.json', 'weights.bin', 'tag-lab.json', 'README.md']) rmSync(join(killed, name));
    const json = await lastJsonLine(() => train.run(['--resume', killed, '--epochs', '4', '--json']));
    expect(json.epochs).toBe(4);
    expect(existsSync(join(killed, 'model.json'))).toBe(true);
    const a = readWeights(killed);
    const b = readWeights(whole);
    expect(a.length).toBe(b.length);
    let most = 0;
    a.forEach((v, i) => (most = Math.max(most, Math.abs(v - b[i]))));
    expect(most).toBeLessThan(1e-6);
    const record = JSON.parse(readFileSync(join(killed, 'tag-lab.json'), 'utf8')) as {
      run: { epochs: { loss: number }[] };
    };
    const wholeRecord = JSON.parse(readFileSync(join(whole, 'tag-lab.json'), 'utf8')) as typeof record;
    expect(record.run.epochs.map((e) => e.loss)).toEqual(wholeRecord.run.epochs.map((e) => e.loss));
  });

  it('extends a finished run to more epochs, as if it had been asked for them from the start', async () => {
    const five = join(dir, 'five');
    await lastJsonLine(() => train.run(trainArgs(five, 5)));
    const extended = await lastJsonLine(() => train.run(['--resume', whole, '--epochs', '5', '--json']));
    expect(extended.epochs).toBe(5);
    const a = readWeights(whole);
    const b = readWeights(five);
    let most = 0;
    a.forEach((v, i) => (most = Math.max(most, Math.abs(v - b[i]))));
    expect(most).toBeLessThan(1e-6);
  });

  it('refuses settings other than --epochs, fewer epochs than trained, and a folder with no checkpoint', async () => {
    await expect(train.run(['--resume', whole, '--model', 'lstm'])).rejects.toThrow(
      /give only --epochs, --backend, --workers, --json or --quiet with it \(not --model\)/,
    );
    await expect(train.run(['--resume', whole, '--epochs', '3'])).rejects.toBeInstanceOf(UsageError);
    await expect(train.run(['--resume', whole, '--epochs', '3'])).rejects.toThrow(
      /--epochs 3 is fewer than the 5 epochs/,
    );
    const empty = join(dir, 'empty');
    await expect(train.run(['--resume', empty])).rejects.toBeInstanceOf(InputError);
    await expect(train.run(['--resume', empty])).rejects.toThrow(/holds no training checkpoint/);
  });
});
