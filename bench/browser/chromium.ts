// What every Chromium half of the benchmarks shares: bundling a TypeScript entry for the browser and launching the
// system Chromium headless with the flags this closed-network machine needs.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];

/** Bundles `entry` (a URL relative to the caller's module) into one IIFE script. */
export async function bundleForBrowser(entry: URL, external: string[] = []): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    external,
  });
  return out.outputFiles[0].text;
}

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
