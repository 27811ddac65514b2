// Command registry: name → lazy loader, so `inspect` never pays for loading TensorFlow.js.

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<void>;
}

export const commands: Record<string, () => Promise<Command>> = {
  demo: () => import('./demo').then((m) => m.command),
  inspect: () => import('./inspect').then((m) => m.command),
  label: () => import('./label').then((m) => m.command),
  train: () => import('./train').then((m) => m.command),
  score: () => import('./score').then((m) => m.command),
  evaluate: () => import('./evaluate').then((m) => m.command),
  compare: () => import('./compare').then((m) => m.command),
  audit: () => import('./audit').then((m) => m.command),
  explain: () => import('./explain').then((m) => m.command),
  sweep: () => import('./sweep').then((m) => m.command),
  sql: () => import('./sql').then((m) => m.command),
  features: () => import('./features').then((m) => m.command),
};
