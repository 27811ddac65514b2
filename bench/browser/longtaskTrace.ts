// Diagnosis, not a figure: one page like the long-task bench (demo → dual LSTM on WASM, Workers N), a Chromium
// trace of the watch window, and for every main-thread task over 50 ms the events inside it that took longest.
// `npx tsx bench/browser/longtaskTrace.ts [workers] [watchMs]`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchBenchChromium } from './chromium';
import { prepareDualTraining } from './longtaskBench';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

interface CpuProfile {
  nodes: {
    id: number;
    parent?: number;
    children?: number[];
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Inclusive sampled time per function (name and file) over the samples that fall inside the given tasks. */
function inclusiveWithin(profile: CpuProfile, tasks: TraceEvent[]): [string, number][] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!tasks.some((k) => t >= k.ts && t <= k.ts + k.dur!)) return;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (seen.has(name)) continue;
      seen.add(name);
      totals.set(name, (totals.get(name) ?? 0) + dt);
    }
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const workers = Number(process.argv[2] ?? 2);
  const watchMs = Number(process.argv[3] ?? 15_000);
  const outDir = mkdtempSync(join(tmpdir(), 'tag-lab-trace-'));
  // unminified, so the profile names the app's functions and components
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 4720 } });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:4720';
  const browser = await launchBenchChromium();
  try {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await prepareDualTraining(page, workers);
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink',
        'toplevel',
      ],
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await page.getByRole('button', { name: 'Train Dual LSTM' }).click();
    await page.waitForTimeout(watchMs);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const buffer = await browser.stopTracing();
    if (process.env.TRACE_SCREENSHOT)
      await page.screenshot({ path: process.env.TRACE_SCREENSHOT, fullPage: true });
    const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const threadNames = new Map<string, string>();
    for (const e of events)
      if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    const isMain = (e: TraceEvent) => threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
    const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined && isMain(e));
    const tasks = complete.filter((e) => e.name === 'RunTask' && e.dur! > 50_000);
    console.log(`workers ${workers}: ${tasks.length} main-thread tasks over 50 ms`);
    for (const t of tasks.sort((a, b) => b.dur! - a.dur!).slice(0, 8)) {
      const inside = complete
        .filter((e) => e !== t && e.tid === t.tid && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!)
        .filter((e) => e.dur! > 5_000)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 10)
        .map((e) => {
          const d = e.args?.data ?? {};
          const what = [d.functionName, d.url, d.type, d.frame ? '' : ''].filter(Boolean).join(' ');
          return `    ${(e.dur! / 1000).toFixed(1).padStart(6)} ms ${e.name} ${what}`;
        });
      const components = inclusiveWithin(profile, [t])
        .filter(([name]) => /^[A-Z]/.test(name))
        .slice(0, 8)
        .map(([name, ms]) => `    ${ms.toFixed(1).padStart(6)} ms in ${name}`);
      const cpu = (t as TraceEvent & { tdur?: number }).tdur;
      console.log(
        `  task ${(t.dur! / 1000).toFixed(1)} ms (thread time ${cpu ? (cpu / 1000).toFixed(1) : '?'} ms)\n${inside.join('\n')}\n  components:\n${components.join('\n')}`,
      );
    }
    console.log('\nfunctions by inclusive time inside those tasks (CPU profile):');
    for (const [name, ms] of inclusiveWithin(profile, tasks).slice(0, 40))
      console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
    await context.close();
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

void main();
