// Command registry: name → lazy loader, so `inspect` never pays for loading TensorFlow.js.

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<void>;
}

export const commands: Record<string, () => Promise<Command>> = {
  inspect: () => import('./inspect').then((m) => m.command),
  label: () => import('./label').then((m) => m.command),
};
