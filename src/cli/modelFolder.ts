// Reads a saved model folder (`train --out` or an unzipped bundle) for the commands that need its feature spec or
// its weights: score (every form), explain, evaluate/compare, sql features, features.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BundleError,
  MANIFEST_FILE,
  parseManifest,
  readBundleFiles,
  type BundleManifest,
} from '../core/bundle';
import type { Bundle } from '../core/bundle';
import { InputError } from './args';

function checkFolder(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InputError(
      `${dir}: not a folder. Give the folder of an unzipped bundle or of \`train --out\`.`,
    );
}

/** Only tag-lab.json: the feature spec, rules and model kind, without loading the weights. */
export function readManifestFromFolder(dir: string): BundleManifest {
  checkFolder(dir);
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new InputError(`${dir}: no ${MANIFEST_FILE} in the model folder.`);
  try {
    return parseManifest(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${dir}: ${(e as Error).message}`);
  }
}

/** The whole bundle: manifest, model.json and weights. */
export function readModelFolder(dir: string): Bundle {
  checkFolder(dir);
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isFile()) files.set(name, new Uint8Array(readFileSync(p)));
  }
  try {
    return readBundleFiles(files);
  } catch (e) {
    if (e instanceof BundleError) throw new InputError(`${dir}: ${e.message}`);
    throw e;
  }
}
