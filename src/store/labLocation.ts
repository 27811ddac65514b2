// Where the analyst is, in the address: the screen and the runs chosen for comparison (#/compare?runs=a,b), so a
// reload returns there and the browser's back and forward move between screens. The hash (not the path) carries it,
// so any static host serves the page without rewrites.

import { useLab } from './index';
import { SCREEN_ORDER, type ScreenId } from './uiSlice';

export interface LabLocation {
  screen: ScreenId;
  /**
   * the runs ticked for comparison, on every screen once a run was ticked or unticked; null = the address names none
   * (every comparable run is compared, or an older history entry: the current choice stays)
   */
  runs: string[] | null;
}

/** The location a hash names: no hash is the Data screen (the page's own address); null for a hash naming no screen. */
export function parseLocationHash(hash: string): LabLocation | null {
  if (hash === '' || hash === '#') return { screen: 'data', runs: null };
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  if (!match || !SCREEN_ORDER.includes(match[1] as ScreenId)) return null;
  // split before decoding: a comma inside a run id travels as %2C
  const runs = (match[2] ?? '')
    .split('&')
    .find((pair) => pair.startsWith('runs='))
    ?.slice('runs='.length);
  return {
    screen: match[1] as ScreenId,
    runs:
      runs === undefined
        ? null
        : runs
            .split(',')
            .filter((id) => id !== '')
            .map(decodeRunId),
  };
}

function decodeRunId(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a hand-edited address with a stray %: the id as written
  }
}

export function locationHash({ screen, runs }: LabLocation): string {
  if (runs === null) return `#/${screen}`;
  return `#/${screen}?runs=${runs.map(encodeURIComponent).join(',')}`;
}

/** The window parts this needs (a test can pass its own). */
export type LocationWindow = Pick<
  Window,
  'location' | 'history' | 'addEventListener' | 'removeEventListener'
>;

/**
 * Keeps the address and the store in step: the address wins at start and on back / forward; afterwards a change of
 * screen adds a history entry and a change of the ticked runs replaces the current one (one entry per screen, not
 * per tick). Returns the function that stops it.
 */
export function connectLocation(win: LocationWindow = window): () => void {
  let following = false;
  const follow = (): void => {
    const location = parseLocationHash(win.location.hash);
    if (!location) return;
    following = true;
    try {
      useLab.setState(
        location.runs === null
          ? { screen: location.screen }
          : { screen: location.screen, compareSelection: location.runs },
      );
    } finally {
      following = false;
    }
  };
  follow();
  const stop = useLab.subscribe((state, before) => {
    if (state.screen === before.screen && state.compareSelection === before.compareSelection) return;
    const hash = locationHash({ screen: state.screen, runs: state.compareSelection });
    if (hash === win.location.hash) return;
    // following the address only tidies it (a non-canonical hash); a change made in the page is a step to go back to
    if (state.screen !== before.screen && !following) win.history.pushState(null, '', hash);
    else win.history.replaceState(null, '', hash);
  });
  win.addEventListener('popstate', follow);
  win.addEventListener('hashchange', follow);
  return () => {
    stop();
    win.removeEventListener('popstate', follow);
    win.removeEventListener('hashchange', follow);
  };
}
