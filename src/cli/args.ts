// Argument parsing for the CLI over node:util parseArgs: positionals plus --flag value / --flag pairs, with usage
// errors as exit 2.

import { parseArgs as parseNodeArgs } from 'node:util';
import { describeError } from '../core/errors';

export class UsageError extends Error {}
export class InputError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** The options a command takes: those with a value and the on/off switches. Anything else is a usage error. */
export interface FlagSpec {
  values?: readonly string[];
  switches?: readonly string[];
}

/** node:util parseArgs in strict mode (it rejects unknown options and missing values), errors as exit-2 usage errors. */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of spec.values ?? []) options[name] = { type: 'string' };
  for (const name of spec.switches ?? []) options[name] = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeArgError(error));
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values))
    if (value !== undefined && value !== false) flags.set(name, value as string | true);
  return { positionals: parsed.positionals, flags };
}

function describeArgError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const option = /'(--?[^' ]+)/.exec(describeError(error))?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `Unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${option} needs a value`;
  return describeError(error);
}

export function numberFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got "${String(v)}"`);
  return n;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

/** `--json` output: one JSON object on the last line of stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
