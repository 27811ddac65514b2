// Integrated gradients of a model's logit (pre-sigmoid output) with respect to its sparse inputs, baseline = an empty
// history (all-zero transformed inputs). Every interpolation step of every user runs in one batched forward/backward.
//
// Each LSTM branch starts with a linear projection (a TimeDistributed Dense), so along the path α·x its output is
// α·(x·W) + b: the gradient is taken with respect to that projection and mapped back as ∂F/∂x = ∂F/∂z · Wᵀ, which is
// exact and never builds the dense [steps, T, C] input (C = 2,000 categories). The rest of the model runs on the
// layers model's own weights through the training fast path's LSTM op (same numbers as tf.layers.lstm within 1e-5,
// tested against integrated gradients through the exported layers model): the stock layer's backward pass took
// 2.3 s for one user's 33 rows over 90 days on WASM, its batched matmul gradients dominating.

import * as tf from '@tensorflow/tfjs';
import type { FeatureBatch, SparseSequence } from '../features/types';
import { MODEL_INPUTS } from '../models/build';
import type { ModelKind } from '../models/types';
import { collectVariables, type ModelVariables } from '../training/fastForward';
import { runLstmFromGateInputs, scaledGateWeights } from '../training/fastLstm';

export type InputName = 'yearly' | 'monthly' | 'daily';

export const DEFAULT_IG_STEPS = 32;

/** One input's contributions for one user, as sparse entries (a contribution is zero wherever the input is). */
export interface SparseContributions {
  input: InputName;
  steps: number;
  width: number;
  /** step (0 = oldest) and feature column of each entry */
  step: Int32Array;
  col: Int32Array;
  /** the transformed input value and its contribution to the logit */
  value: Float32Array;
  contribution: Float32Array;
}

export interface UserAttribution {
  /** store user index */
  user: number;
  logit: number;
  baselineLogit: number;
  inputs: SparseContributions[];
  /** Σ contributions over every input */
  sum: number;
}

/** How the first layer of one input reads it: a linear projection to P features, or the raw [T, C] input. */
interface Branch {
  input: InputName;
  steps: number;
  width: number;
  /** projection kernel [C, P] row-major and bias [P]; null when the next layer reads the input itself */
  kernel: Float32Array | null;
  bias: Float32Array | null;
  /** features the next layer reads: P, or C without a projection */
  features: number;
  /**
   * For an LSTM input: its kernel and bias as the recurrence reads them (transposed [4H, P], scaled, see
   * scaledGateWeights). The gate inputs are linear in the path parameter α, so they are formed per user once and
   * scaled per row, and the gradient is averaged over a user's rows before it goes back through the kernel: the
   * input matmuls then cost one row per user instead of steps + 1.
   */
  gates: { wt: Float32Array; bias: Float32Array; size: number } | null;
}

/** From each branch's entry (projected, or raw) to the logit [N]; dropout is the identity at inference. */
type Head = (entries: tf.Tensor[], model: ExplainedModel, rows: number) => tf.Tensor;

interface ExplainedModel {
  layers: tf.LayersModel;
  vars: ModelVariables;
}

const HEADS: Record<ModelKind, Head> = {
  shallow: ([x], m) => outputLogit(m, applyLayer(m, 'hidden', x)),
  lstm: ([monthly], m, rows) => outputLogit(m, lstmState(m.vars, 'monthly', monthly, rows)),
  dual: ([monthly, daily], m, rows) => {
    const joined = tf.concat(
      [lstmState(m.vars, 'monthly', monthly, rows), lstmState(m.vars, 'daily', daily, rows)],
      1,
    );
    return outputLogit(m, applyLayer(m, 'fc', joined));
  },
};

function layerVars(vars: ModelVariables, name: string): tf.Variable[] {
  const found = vars.byLayer.get(name);
  if (!found) throw new Error(`The ${vars.kind} model has no layer "${name}": was it built by Tag Lab?`);
  return found;
}

/** A Dense layer of the model, its own activation included. */
function applyLayer(m: ExplainedModel, name: string, x: tf.Tensor): tf.Tensor {
  layerVars(m.vars, name);
  return m.layers.getLayer(name).apply(x, { training: false }) as tf.Tensor;
}

/** The output layer without its sigmoid: the logit [N]. */
function outputLogit(m: ExplainedModel, h: tf.Tensor): tf.Tensor {
  const [kernel, bias] = layerVars(m.vars, 'output');
  return tf.reshape(tf.add(tf.matMul(h as tf.Tensor2D, kernel), bias), [-1]);
}

/** Last LSTM state [N, H] of gate inputs laid out [4H, T·N] (column t·N + n), the fast LSTM's layout. */
function lstmState(vars: ModelVariables, prefix: string, gateInputs: tf.Tensor, rows: number): tf.Tensor {
  const [, recurrent] = layerVars(vars, `${prefix}_lstm`);
  return runLstmFromGateInputs(gateInputs as tf.Tensor2D, recurrent as tf.Tensor2D, rows);
}

/**
 * A model prepared for explanation: its projection kernels are copied once (create a new explainer after the weights
 * change), its other variables are read live. It owns no tensors.
 */
export interface Explainer {
  kind: ModelKind;
  /** feature width C of every input */
  width: number;
  /** attributions of every user of the batch, `steps` interpolation points each (default 32) */
  explain(batch: FeatureBatch, steps?: number): UserAttribution[];
}

export function createExplainer(model: tf.LayersModel, kind: ModelKind): Explainer {
  const explained: ExplainedModel = { layers: model, vars: collectVariables(model, kind) };
  const branches = MODEL_INPUTS[kind].map((input, i) => readBranch(model, explained.vars, input, i, kind));
  return {
    kind,
    width: branches[0].width,
    explain: (batch, steps = DEFAULT_IG_STEPS) =>
      explainBatch({ kind, branches, model: explained, batch, steps }),
  };
}

function readBranch(
  model: tf.LayersModel,
  vars: ModelVariables,
  input: InputName,
  index: number,
  kind: ModelKind,
): Branch {
  const shape = model.inputs[index].shape;
  const steps = input === 'yearly' ? 1 : (shape[1] as number);
  const width = shape[shape.length - 1] as number;
  const projection = kind === 'shallow' ? null : findLayer(model, `${input}_projection`);
  const gates = kind === 'shallow' ? null : readGates(vars, input);
  if (!projection) return { input, steps, width, kernel: null, bias: null, features: width, gates };
  const [kernel, bias] = projection.getWeights();
  return {
    input,
    steps,
    width,
    kernel: kernel.dataSync() as Float32Array,
    bias: bias.dataSync() as Float32Array,
    features: bias.shape[0],
    gates,
  };
}

function readGates(vars: ModelVariables, input: InputName): Branch['gates'] {
  const [kernel, , bias] = layerVars(vars, `${input}_lstm`);
  const gates = scaledGateWeights(kernel as tf.Tensor2D, bias as tf.Tensor1D);
  return { ...gates, size: gates.bias.length };
}

function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer | null {
  return model.layers.find((l) => l.name === name) ?? null;
}

interface BatchJob {
  kind: ModelKind;
  branches: Branch[];
  model: ExplainedModel;
  batch: FeatureBatch;
  steps: number;
}

/**
 * Rows of the forward batch: per user, `steps` midpoints α = (s + ½)/steps, then α = 1 (the user's own logit); one
 * last row α = 0 (the baseline). The midpoint rule keeps the Riemann error small at 32 steps.
 */
function explainBatch(job: BatchJob): UserAttribution[] {
  const { branches, batch, steps } = job;
  if (!(Number.isInteger(steps) && steps >= 1))
    throw new Error(`steps must be a whole number ≥ 1, got ${steps}.`);
  const users = batch.users.length;
  const perUser = steps + 1;
  const rows = users * perUser + 1;
  const seqs = branches.map((b) => batch[b.input]);
  const owns = branches.map((b, i) => projectUsers(b, seqs[i], users));
  const entries = branches.map((b, i) =>
    b.gates ? buildGateInputs(b, owns[i], users, steps, rows) : buildEntries(b, owns[i], users, steps, rows),
  );
  const held: { logits?: tf.Tensor } = {};
  // tidy returns the tensors, not their arrays: it walks every element of a returned typed array (seconds here)
  const gradTensors = tf.tidy(() =>
    tf.grads((...zs: tf.Tensor[]) => {
      const out = HEADS[job.kind](zs, job.model, rows);
      held.logits = tf.keep(out);
      return tf.sum(out);
    })(entries),
  );
  const grads = gradTensors.map((g) => g.dataSync() as Float32Array);
  tf.dispose([...gradTensors, ...entries]);
  const logitValues = held.logits!.dataSync() as Float32Array;
  held.logits!.dispose();
  const baselineLogit = logitValues[rows - 1];
  // per branch, the mean gradient of every user over its midpoint rows, in the projection's (or input's) space
  const means = branches.map((b, i) =>
    b.gates
      ? meanGateGradients(b, grads[i], users, steps, rows)
      : meanEntryGradients(b, grads[i], users, steps, rows),
  );
  return Array.from({ length: users }, (_, b) => {
    const inputs = branches.map((branch, i) => attributeUser(branch, seqs[i], means[i](b), b));
    let sum = 0;
    for (const input of inputs) for (const c of input.contribution) sum += c;
    return { user: batch.users[b], logit: logitValues[b * perUser + steps], baselineLogit, inputs, sum };
  });
}

/** Each user's input through the branch's projection (x·W, no bias), [users, T, F] row-major. */
function projectUsers(branch: Branch, seq: SparseSequence, users: number): Float32Array {
  checkSequence(branch, seq, users);
  const { features, kernel } = branch;
  const own = new Float32Array(users * branch.steps * features);
  for (let k = 0; k < seq.values.length; k++) {
    const base = seq.rows[k] * features;
    const v = seq.values[k];
    if (!kernel) own[base + seq.cols[k]] += v;
    else for (let q = 0, w = seq.cols[k] * features; q < features; q++) own[base + q] += v * kernel[w + q];
  }
  return own;
}

/** α of row r: per user `steps` midpoints, then 1 (the user's own input); the last row is the baseline, α = 0. */
function alphaOf(r: number, users: number, steps: number): { user: number; alpha: number } {
  const perUser = steps + 1;
  const b = Math.floor(r / perUser);
  const s = r - b * perUser;
  return { user: b, alpha: b === users ? 0 : s === steps ? 1 : (s + 0.5) / steps };
}

/**
 * The gate inputs [4H, T·rows] of every row: α·(Wᵀ·own) + (Wᵀ·b_proj + b), with Wᵀ·own one small matmul over the
 * users (not the rows), so the 33× larger input matmul of the stock path never runs.
 */
function buildGateInputs(branch: Branch, own: Float32Array, users: number, steps: number, rows: number) {
  const { features, bias } = branch;
  const gates = branch.gates!;
  const T = branch.steps;
  // own laid out [F, T·users], column t·users + b
  const ownT = new Float32Array(features * T * users);
  for (let b = 0; b < users; b++)
    for (let t = 0; t < T; t++)
      for (let q = 0; q < features; q++)
        ownT[q * T * users + t * users + b] = own[(b * T + t) * features + q];
  const gateBias = Float32Array.from(gates.bias, (v, row) => {
    let sum = v;
    for (let q = 0; q < features; q++) sum += gates.wt[row * features + q] * (bias ? bias[q] : 0);
    return sum;
  });
  const perUser = steps + 1;
  const alphas = Float32Array.from({ length: perUser }, (_, s) => (s === steps ? 1 : (s + 0.5) / steps));
  // in tf, not JS: the [4H, T·rows] result is the largest array of the pass, and the backend builds it in place
  return tf.tidy(() => {
    const perUserGates = tf.matMul(
      tf.tensor2d(gates.wt, [gates.size, features]),
      tf.tensor2d(ownT, [features, T * users]),
    );
    const scaled = tf.mul(
      tf.reshape(perUserGates, [gates.size, T, users, 1]),
      tf.tensor4d(alphas, [1, 1, 1, perUser]),
    );
    const withBaseline = tf.concat(
      [tf.reshape(scaled, [gates.size, T, users * perUser]), tf.zeros([gates.size, T, 1])],
      2,
    );
    const shifted = tf.add(withBaseline, tf.tensor3d(gateBias, [gates.size, 1, 1]));
    return tf.reshape(shifted, [gates.size, T * rows]) as tf.Tensor2D;
  });
}

/**
 * Each user's gradient averaged over its midpoint rows, taken back through the LSTM kernel to the projection's
 * space: the average of the kernel's products is the kernel's product of the average, one row per user.
 * Returns a user's [T, F] block.
 */
function meanGateGradients(
  branch: Branch,
  grad: Float32Array,
  users: number,
  steps: number,
  rows: number,
): (b: number) => Float32Array {
  const gates = branch.gates!;
  const { features } = branch;
  const T = branch.steps;
  const width = T * rows;
  const mean = new Float32Array(gates.size * T * users);
  const perUser = steps + 1;
  for (let row = 0; row < gates.size; row++)
    for (let t = 0; t < T; t++)
      for (let b = 0; b < users; b++) {
        let sum = 0;
        const from = row * width + t * rows + b * perUser;
        for (let s = 0; s < steps; s++) sum += grad[from + s];
        mean[row * T * users + t * users + b] = sum / steps;
      }
  const back = tf.tidy(() =>
    tf.matMul(
      tf.transpose(tf.tensor2d(gates.wt, [gates.size, features])),
      tf.tensor2d(mean, [gates.size, T * users]),
    ),
  );
  const values = back.dataSync() as Float32Array;
  back.dispose();
  return (b) => {
    const block = new Float32Array(T * features);
    for (let t = 0; t < T; t++)
      for (let q = 0; q < features; q++) block[t * features + q] = values[q * T * users + t * users + b];
    return block;
  };
}

/** Each user's gradient averaged over its midpoint rows, for a branch read straight (no LSTM): [T, F] blocks. */
function meanEntryGradients(
  branch: Branch,
  grad: Float32Array,
  _users: number,
  steps: number,
  rows: number,
): (b: number) => Float32Array {
  const { features } = branch;
  const block = branch.steps * features;
  const at = entryIndex(branch, rows);
  return (b) => {
    const mean = new Float32Array(block);
    for (let s = 0; s < steps; s++) {
      const r = b * (steps + 1) + s;
      for (let t = 0; t < branch.steps; t++)
        for (let q = 0; q < features; q++) mean[t * features + q] += grad[at(r, t, q)];
    }
    for (let j = 0; j < block; j++) mean[j] /= steps;
    return mean;
  };
}

/** Where (row r, step t, feature q) sits: [rows, F] for the dense yearly input, [F, T·rows] for an LSTM. */
function entryIndex(branch: Branch, rows: number): (r: number, t: number, q: number) => number {
  const f = branch.features;
  const width = branch.steps * rows;
  return branch.input === 'yearly' ? (r, _t, q) => r * f + q : (r, t, q) => q * width + t * rows + r;
}

/** The branch's entry tensor over every row: α·(x·W) + b with a projection, α·x without. */
function buildEntries(branch: Branch, own: Float32Array, users: number, steps: number, rows: number) {
  const { features, bias } = branch;
  const block = branch.steps * features;
  const out = new Float32Array(rows * block);
  const at = entryIndex(branch, rows);
  for (let r = 0; r < rows; r++) {
    const { user: b, alpha } = alphaOf(r, users, steps);
    for (let t = 0; t < branch.steps; t++)
      for (let q = 0; q < features; q++)
        out[at(r, t, q)] =
          (alpha === 0 ? 0 : alpha * own[b * block + t * features + q]) + (bias ? bias[q] : 0);
  }
  const shape: [number, number] =
    branch.input === 'yearly' ? [rows, features] : [features, branch.steps * rows];
  return tf.tensor2d(out, shape);
}

function checkSequence(branch: Branch, seq: SparseSequence, users: number): void {
  if (seq.width !== branch.width || seq.steps !== branch.steps || seq.batchSize !== users)
    throw new Error(
      `The ${branch.input} input is ${seq.batchSize}×${seq.steps}×${seq.width}; the model reads ${users}×${branch.steps}×${branch.width}.`,
    );
}

/** User b's contributions: each of its entries times the mean gradient taken back to the input (through W). */
function attributeUser(
  branch: Branch,
  seq: SparseSequence,
  mean: Float32Array,
  b: number,
): SparseContributions {
  const { features, kernel } = branch;
  const picked: number[] = [];
  for (let k = 0; k < seq.rows.length; k++) if (Math.floor(seq.rows[k] / branch.steps) === b) picked.push(k);
  const out: SparseContributions = {
    input: branch.input,
    steps: branch.steps,
    width: branch.width,
    step: new Int32Array(picked.length),
    col: new Int32Array(picked.length),
    value: new Float32Array(picked.length),
    contribution: new Float32Array(picked.length),
  };
  picked.forEach((k, i) => {
    const t = seq.rows[k] - b * branch.steps;
    const c = seq.cols[k];
    let g = 0;
    if (!kernel) g = mean[t * features + c];
    else for (let q = 0, w = c * features; q < features; q++) g += mean[t * features + q] * kernel[w + q];
    out.step[i] = t;
    out.col[i] = c;
    out.value[i] = seq.values[k];
    out.contribution[i] = seq.values[k] * g;
  });
  return out;
}
