// `train`'s checkpoint in its --out folder: the run's settings (written once, at the start) and the latest epoch's
// checkpoint (replaced after every epoch by an atomic rename, so a kill never leaves a half-written one), and what
// `train --resume DIR` reads back from them.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, type TrainingCheckpoint } from '../core/training';
import { InputError, UsageError, type ParsedArgs } from './args';
import { describeError } from '../core/errors';

const FOLDER = 'checkpoint';
const SETTINGS = 'settings.json';
const STATE = 'state.bin';
const MAGIC = 'TLCK';

/** Flags a resume may give; everything else comes from the run's saved settings. */
// --workers changes only the float summation order of a step (data-parallel replicas stay identical), so a resume
// may take another count
export const RESUME_FLAGS = ['resume', 'epochs', 'backend', 'workers', 'json', 'quiet'];
/** Flags that belong to one invocation, not to the run. */
const NOT_SAVED = new Set(['resume', 'json', 'quiet', 'out']);
/** Flags naming files, saved as absolute paths so a resume works from any folder. */
const PATH_FLAGS = new Set(['rules', 'truth']);

interface SavedSettings {
  format: 1;
  positionals: string[];
  flags: Record<string, string | true>;
  dataFingerprint: string;
}

export function writeRunSettings(out: string, args: ParsedArgs, dataFingerprint: string): void {
  const flags: Record<string, string | true> = {};
  for (const [name, value] of args.flags)
    if (!NOT_SAVED.has(name)) flags[name] = PATH_FLAGS.has(name) && value !== true ? resolve(value) : value;
  const settings: SavedSettings = {
    format: 1,
    positionals: args.positionals.map((p) => resolve(p)),
    flags,
    dataFingerprint,
  };
  mkdirSync(join(out, FOLDER), { recursive: true });
  // a new run in the folder: an earlier run's checkpoint must not be resumed with these settings
  rmSync(join(out, FOLDER, STATE), { force: true });
  writeFileSync(join(out, FOLDER, SETTINGS), `${JSON.stringify(settings, null, 2)}\n`);
}

/** One file: "TLCK", the JSON's byte length (uint32 LE), the JSON, then the typed arrays' bytes. */
export function writeCheckpoint(out: string, checkpoint: TrainingCheckpoint): void {
  const { json, data } = encodeCheckpoint(checkpoint);
  const text = new TextEncoder().encode(json);
  const head = new Uint8Array(8);
  head.set(new TextEncoder().encode(MAGIC));
  new DataView(head.buffer).setUint32(4, text.length, true);
  const path = join(out, FOLDER, STATE);
  writeFileSync(`${path}.tmp`, Buffer.concat([head, text, data]));
  renameSync(`${path}.tmp`, path);
}

export interface ResumeSettings {
  /** the run's own arguments, with this invocation's --epochs, --backend, --workers, --json, --quiet and --out DIR */
  args: ParsedArgs;
  checkpoint: TrainingCheckpoint;
  dataFingerprint: string;
}

export function readResume(dir: string, given: ParsedArgs): ResumeSettings {
  const extra = [...given.flags.keys()].filter((f) => !RESUME_FLAGS.includes(f));
  if (extra.length > 0 || given.positionals.length > 0)
    throw new UsageError(
      `--resume reads the files and settings from ${dir}; give only --epochs, --backend, --workers, --json or --quiet with it (not ${[...extra.map((f) => `--${f}`), ...given.positionals].join(', ')})`,
    );
  const settingsPath = join(dir, FOLDER, SETTINGS);
  const statePath = join(dir, FOLDER, STATE);
  if (!existsSync(settingsPath) || !existsSync(statePath))
    throw new InputError(
      `${dir} holds no training checkpoint (${join(FOLDER, SETTINGS)} and ${join(FOLDER, STATE)}): resume a folder that \`train --out\` wrote to after at least one epoch.`,
    );
  const settings = readSettings(settingsPath);
  const checkpoint = readCheckpoint(statePath);
  const flags = new Map<string, string | true>(Object.entries(settings.flags));
  for (const name of ['epochs', 'backend', 'workers', 'json', 'quiet']) {
    const value = given.flags.get(name);
    if (value !== undefined) flags.set(name, value);
  }
  flags.set('out', dir);
  return {
    args: { positionals: settings.positionals, flags },
    checkpoint,
    dataFingerprint: settings.dataFingerprint,
  };
}

function readSettings(path: string): SavedSettings {
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as SavedSettings;
    if (s.format !== 1 || !Array.isArray(s.positionals) || typeof s.flags !== 'object')
      throw new Error('not the settings of a Tag Lab training run (format 1)');
    return s;
  } catch (e) {
    throw new InputError(`Cannot read the run settings ${path}: ${describeError(e)}`);
  }
}

function readCheckpoint(path: string): TrainingCheckpoint {
  try {
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
      throw new Error('it does not start with the checkpoint mark');
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    if (8 + length > bytes.length) throw new Error('it is shorter than its header says');
    const json = new TextDecoder().decode(bytes.subarray(8, 8 + length));
    return decodeCheckpoint(json, bytes.subarray(8 + length));
  } catch (e) {
    throw new InputError(`Cannot read the checkpoint ${path}: ${describeError(e)}`);
  }
}
