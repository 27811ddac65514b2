import { describe, expect, it } from 'vitest';
import { locationHash, parseLocationHash } from './labLocation';

describe('the address of a place in the lab', () => {
  it('names the screen and the ticked runs, and reads back the same', () => {
    const place = { screen: 'compare' as const, runs: ['run-1', 'run 2/b,c'] };
    const hash = locationHash(place);
    expect(hash).toBe('#/compare?runs=run-1,run%202%2Fb%2Cc');
    expect(parseLocationHash(hash)).toEqual(place);
    expect(locationHash({ screen: 'train', runs: null })).toBe('#/train');
    expect(parseLocationHash('#/train')).toEqual({ screen: 'train', runs: null });
  });

  it('tells "nothing ticked" from "every run"', () => {
    expect(parseLocationHash('#/compare?runs=')).toEqual({ screen: 'compare', runs: [] });
    expect(locationHash({ screen: 'compare', runs: [] })).toBe('#/compare?runs=');
    expect(parseLocationHash('#/compare')).toEqual({ screen: 'compare', runs: null });
  });

  it('takes no hash for the Data screen and ignores a hash that names no screen', () => {
    expect(parseLocationHash('')).toEqual({ screen: 'data', runs: null });
    expect(parseLocationHash('#/settings')).toBeNull();
    expect(parseLocationHash('#compare')).toBeNull();
    expect(parseLocationHash('#/Compare')).toBeNull();
  });
});
