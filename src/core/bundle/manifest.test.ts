import { describe, expect, it } from 'vitest';
import { makeRecord } from '../../test/runStorageFixtures';
import { buildManifest, serialiseManifest, validateManifest } from './manifest';

describe('the manifest’s worker count', () => {
  it('carries the workers the run trained on, beside the backend, and reads them back', () => {
    const manifest = buildManifest(makeRecord('r', { workers: 3 }));
    expect(manifest.workers).toBe(3);
    expect(manifest.run.workers).toBe(3);
    expect(validateManifest(JSON.parse(serialiseManifest(manifest))).workers).toBe(3);
  });

  it('writes 1 for a record from before the count was kept', () => {
    const old = makeRecord('r');
    delete old.workers;
    expect(buildManifest(old).workers).toBe(1);
  });
});
