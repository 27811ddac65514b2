// A Keras-compatible LSTM (gate order i, f, c, o; sigmoid recurrent activation) returning the last state, with a
// hand-written backward pass. Per step only the matmul, add and sigmoid run as tf kernels; the cell update, tanh(c)
// and the backward's elementwise factors run in JS on [H, B] arrays (measured, Chromium worker WASM, dual: 312 → ~440
// samples/s against 14 tf kernels per forward step and 6 per backward step: per-kernel dispatch dominated; an earlier
// variant with the sigmoid in JS too was 2× slower: JS exp over [4H, B] costs more than one tf kernel).
// The input matmul of all steps is hoisted out of the recurrence and the weight gradients are single matmuls over all
// steps, in the transposed layout [features, steps·batch]; the recurrence itself runs on row-major [batch, features]
// steps so the recurrent kernel is the matmul's cached right side (see runRecurrence).

import * as tf from '@tensorflow/tfjs';
import { bufferForTensor, heapView, readKept, writesCopy } from './tensorBuffers';
import { wasmStepKernels, type RawTensor } from './wasmStepKernels';

/**
 * Per-column scale: the cell-candidate block is computed as tanh(z) = 2·sigmoid(2z) − 1, so its columns of the
 * kernels and bias are doubled and one sigmoid covers all four gates.
 */
function gateScale(hidden: number, shape: number[]): tf.Tensor {
  const scale = new Float32Array(4 * hidden).fill(1);
  scale.fill(2, 2 * hidden, 3 * hidden);
  return tf.tensor(scale, shape);
}

/**
 * Step t's [B, rows] block, transposed, out of a [rows, steps·B] matrix (column t·B + b): out[b·rows + r] =
 * from[r·width + t·B + b]. Index loops, not set(subarray()): a view per row was ≈ 60,000 short-lived objects a dual
 * step, whose scavenges (a few ms each, with helper threads) landed at random in one data-parallel worker while the
 * other waited for it.
 */
function gatherStep(
  from: Float32Array,
  width: number,
  t: number,
  batch: number,
  rows: number,
  out: Float32Array,
) {
  const col = t * batch;
  for (let r = 0; r < rows; r++) {
    const f = r * width + col;
    for (let b = 0; b < batch; b++) out[b * rows + r] = from[f + b];
  }
}

/** The inverse of gatherStep: a [B, rows] block written into columns t·B … t·B + B − 1 of a [rows, steps·B] matrix. */
function scatterStep(
  from: Float32Array,
  batch: number,
  rows: number,
  to: Float32Array,
  width: number,
  t: number,
) {
  const col = t * batch;
  for (let r = 0; r < rows; r++) {
    const d = r * width + col;
    for (let b = 0; b < batch; b++) to[d + b] = from[b * rows + r];
  }
}

/**
 * Step t's [B, rows] block of a [rows, steps·batch] tensor (column t·batch + b), into a kept buffer. On WASM it is
 * copied straight out of the heap (tensorBuffers.ts); the view is taken again every step because a tensor made since
 * may have grown the heap and detached the last one.
 */
function stepReader(flat: tf.Tensor2D, steps: number, batch: number): (t: number) => Float32Array {
  const rows = flat.shape[0];
  const width = steps * batch;
  const data = heapView(flat) === null ? (flat.dataSync() as Float32Array) : null;
  return (t) => {
    const out = bufferForTensor('lstm.step', rows * batch);
    gatherStep(data ?? (heapView(flat) as Float32Array), width, t, batch, rows, out);
    return out;
  };
}

type StepTensor = object;

/**
 * A recurrence step's tensor work against one fixed right-hand matrix (the scaled recurrent kernel forward, its
 * transpose backward): through the raw WASM kernels where they exist (wasmStepKernels.ts), else tf's ops.
 */
interface StepOps {
  /** a tensor holding a copy of `values` ([rows, cols]) */
  make(values: Float32Array, rows: number, cols: number): StepTensor;
  /** sigmoid(h·right + zx), or sigmoid(zx) for the first step */
  gates(h: StepTensor | null, zx: StepTensor): StepTensor;
  /** left·right */
  times(left: StepTensor): StepTensor;
  readInto(t: StepTensor, out: Float32Array): void;
  free(t: StepTensor): void;
}

function stepOps(right: tf.Tensor2D): StepOps {
  const k = wasmStepKernels();
  if (k) {
    const r = k.of(right);
    const raw = (t: StepTensor) => t as RawTensor;
    return {
      make: (values, rows, cols) => k.write(values, [rows, cols]),
      gates(h, zx) {
        if (!h) return k.sigmoid(raw(zx));
        const product = k.matMul(raw(h), r);
        const sum = k.add(product, raw(zx));
        k.dispose(product);
        const out = k.sigmoid(sum);
        k.dispose(sum);
        return out;
      },
      times: (left) => k.matMul(raw(left), r),
      readInto: (t, out) => out.set(k.view(raw(t))),
      free: (t) => k.dispose(raw(t)),
    };
  }
  const tensor = (t: StepTensor) => t as tf.Tensor2D;
  return {
    // the cpu backend keeps the array it is given: callers pass arrays they do not write again while it lives
    make: (values, rows, cols) => tf.tensor2d(values, [rows, cols]),
    gates: (h, zx) =>
      tf.tidy(() => tf.sigmoid(h ? tf.add(tf.matMul(tensor(h), right), tensor(zx)) : tensor(zx))),
    times: (left) => tf.matMul(tensor(left), right),
    readInto: (t, out) => out.set(heapView(tensor(t)) ?? (tensor(t).dataSync() as Float32Array)),
    free: (t) => tensor(t).dispose(),
  };
}

/** Per-step values the backward pass needs, as plain arrays ([B, 4H] gates, [B, H] the rest, row-major). */
interface ForwardState {
  gates: Float32Array[];
  cells: Float32Array[];
  cellTanh: Float32Array[];
  states: Float32Array[];
  /** the pooled buffer the arrays are slices of (WASM), returned with releaseState once the backward is done */
  pooled: Float32Array | null;
}

// Forward states' buffers free for the next pass (WASM only: see tensorBuffers.ts for why allocations matter).
// A state whose backward never runs is simply collected; the pool keeps a few buffers of bounded size.
const freeStates: Float32Array[] = [];
const POOL_SIZE = 4;
const POOL_MAX_FLOATS = 8 * 2 ** 20;

function takeStateBuffer(length: number): Float32Array {
  const i = freeStates.findIndex((b) => b.length >= length);
  return i >= 0 ? freeStates.splice(i, 1)[0].subarray(0, length) : new Float32Array(length);
}

function releaseState(st: ForwardState): void {
  const buffer = st.pooled && new Float32Array(st.pooled.buffer);
  st.pooled = null;
  if (buffer && buffer.length <= POOL_MAX_FLOATS && freeStates.length < POOL_SIZE) freeStates.push(buffer);
}

/**
 * One step's cell update in JS on row-major [B, 4H] gates (i, f, c̃, o blocks per row; c̃ as sigmoid(2z), see
 * gateScale): c = f·c_prev + i·tanh(z), h = o·tanh(c). Writes the cell, tanh(c) (when asked) and the state.
 */
function updateCells(
  s: Float32Array,
  prevCell: Float32Array | null,
  hidden: number,
  batch: number,
  c: Float32Array,
  tc: Float32Array | null,
  hv: Float32Array,
): void {
  const g4 = 4 * hidden;
  for (let b = 0; b < batch; b++) {
    const gBase = b * g4;
    const base = b * hidden;
    for (let j = 0; j < hidden; j++) {
      const k = gBase + j;
      const idx = base + j;
      const ig = s[k] * (2 * s[k + 2 * hidden] - 1);
      const cj = prevCell ? s[k + hidden] * prevCell[idx] + ig : ig;
      const t = Math.tanh(cj);
      c[idx] = cj;
      if (tc) tc[idx] = t;
      hv[idx] = s[k + 3 * hidden] * t;
    }
  }
}

/**
 * Per step: sigmoid(h·U + zx) as kernels (three), the cell update and tanh in JS on the [B, H] values. Fewer kernels
 * per step is what counts on WASM (each costs tens of µs of dispatch); only the B·H tanh runs in JS. The state is the
 * product's left side and U its right: WASM's matmul packs its right side into an XNNPACK operator it caches by
 * tensor, so U (the same tensor every step) is packed once a pass; with h on the right, as before, a new operator was
 * packed every step (measured: 108 steps' recurrent products 17.5 → 12.3 ms at 32 rows, 33 → 22 at 64).
 */
function runRecurrence(
  stepInput: (t: number) => Float32Array,
  steps: number,
  batch: number,
  us: tf.Tensor2D,
): ForwardState {
  const hidden = us.shape[0];
  const n = hidden * batch;
  const ops = stepOps(us);
  // on WASM every step's values are slices of one pooled buffer, handed back when the backward pass is done
  const pooled = writesCopy() ? takeStateBuffer(7 * n * steps) : null;
  const st: ForwardState = { gates: [], cells: [], cellTanh: [], states: [], pooled };
  let h: StepTensor | null = null;
  let prevCell: Float32Array | null = null;
  for (let t = 0; t < steps; t++) {
    const zx = ops.make(stepInput(t), batch, 4 * hidden);
    const gates = ops.gates(h, zx);
    const base = 7 * n * t;
    const s = pooled ? pooled.subarray(base, base + 4 * n) : new Float32Array(4 * n);
    ops.readInto(gates, s);
    ops.free(gates);
    ops.free(zx);
    if (h) ops.free(h);
    const c = pooled ? pooled.subarray(base + 4 * n, base + 5 * n) : new Float32Array(n);
    const tc = pooled ? pooled.subarray(base + 5 * n, base + 6 * n) : new Float32Array(n);
    const hv = pooled ? pooled.subarray(base + 6 * n, base + 7 * n) : new Float32Array(n);
    updateCells(s, prevCell, hidden, batch, c, tc, hv);
    h = ops.make(hv, batch, hidden);
    st.gates.push(s);
    st.cells.push(c);
    st.cellTanh.push(tc);
    st.states.push(hv);
    prevCell = c;
  }
  if (h) ops.free(h);
  return st;
}

/**
 * The last state [B, H] only, for passes no gradient will be taken of (scoring, validation): the same arithmetic as
 * runRecurrence, but the cell lives in two swapped buffers and no step's values are kept. Keeping them (≈ 7·H·B
 * floats a step, 100 MB for a dual 512-user batch) filled the heap with arrays that live until the op ends, and the
 * collections they started ran on V8's helper threads, taking the core a second scoring or training thread needs.
 */
function runRecurrenceLastState(
  stepInput: (t: number) => Float32Array,
  steps: number,
  batch: number,
  us: tf.Tensor2D,
): Float32Array {
  const hidden = us.shape[0];
  const n = hidden * batch;
  const ops = stepOps(us);
  let cell = new Float32Array(n);
  let nextCell = new Float32Array(n);
  const s = bufferForTensor('lstm.gates', 4 * n);
  let hv: Float32Array = new Float32Array(n);
  let h: StepTensor | null = null;
  for (let t = 0; t < steps; t++) {
    const zx = ops.make(stepInput(t), batch, 4 * hidden);
    const gates = ops.gates(h, zx);
    ops.readInto(gates, s);
    ops.free(gates);
    ops.free(zx);
    if (h) ops.free(h);
    // a kept buffer on WASM; a fresh array elsewhere (the cpu backend keeps the array it makes a tensor from)
    hv = bufferForTensor('lstm.h', n);
    updateCells(s, t > 0 ? cell : null, hidden, batch, nextCell, null, hv);
    [cell, nextCell] = [nextCell, cell];
    h = ops.make(hv, batch, hidden);
  }
  if (h) ops.free(h);
  return hv;
}

/**
 * dz of every step written into the joined [4H, steps·B] layout (column t·B + b) the weight gradients are products
 * of. Per step one matmul (dh = dz·Uᵀ, Uᵀ packed once a pass as in runRecurrence) and the elementwise factors in JS
 * on [B, 4H] rows: dc = dh·o·(1 − tanh²c) + carry, dz = (dc·g·σ'(i), dc·c_{t−1}·σ'(f), dc·i·tanh'(c̃),
 * dh·tanh(c)·σ'(o)), carry = dc·f.
 */
function runBackwardRecurrence(dy: Float32Array, usT: tf.Tensor2D, st: ForwardState, batch: number) {
  const steps = st.gates.length;
  const n = dy.length;
  const hidden = n / batch;
  const g4 = 4 * hidden;
  const width = steps * batch;
  const ops = stepOps(usT);
  // every entry is written below (each step fills its columns of every row), so a kept buffer's old values never show
  const dzAll = bufferForTensor('lstm.dz', 4 * n * steps);
  // written again only after its tensor is freed, so the cpu backend may keep it for the tensor's life
  const dzStep = bufferForTensor('lstm.dzStep', 4 * n);
  // dh: dy, then each step's product read into a kept buffer (a fresh array off WASM)
  let dh = dy;
  let carry = new Float32Array(n);
  let nextCarry = new Float32Array(n);
  for (let t = steps - 1; t >= 0; t--) {
    const s = st.gates[t];
    const tc = st.cellTanh[t];
    const prevCell = t > 0 ? st.cells[t - 1] : null;
    for (let b = 0; b < batch; b++) {
      const gBase = b * g4;
      const base = b * hidden;
      for (let j = 0; j < hidden; j++) {
        const k = gBase + j;
        const idx = base + j;
        const i = s[k];
        const f = s[k + hidden];
        const sg = s[k + 2 * hidden];
        const o = s[k + 3 * hidden];
        const dc = dh[idx] * o * (1 - tc[idx] * tc[idx]) + carry[idx];
        dzStep[k] = dc * (2 * sg - 1) * i * (1 - i);
        dzStep[k + hidden] = prevCell ? dc * prevCell[idx] * f * (1 - f) : 0;
        dzStep[k + 2 * hidden] = dc * 2 * i * sg * (1 - sg);
        dzStep[k + 3 * hidden] = dh[idx] * tc[idx] * o * (1 - o);
        nextCarry[idx] = dc * f;
      }
    }
    scatterStep(dzStep, batch, g4, dzAll, width, t);
    [carry, nextCarry] = [nextCarry, carry];
    if (t > 0) {
      const dz = ops.make(dzStep, batch, g4);
      const product = ops.times(dz);
      dh = bufferForTensor('lstm.dh', n);
      ops.readInto(product, dh);
      ops.free(product);
      ops.free(dz);
    }
  }
  return tf.tensor2d(dzAll, [g4, width]);
}

/** [H, steps·B]: the state before each step (zeros before the first), column t·B + b. */
function joinPreviousStates(states: Float32Array[], hidden: number, batch: number): tf.Tensor2D {
  const width = states.length * batch;
  // the first step's columns stay zero: a kept buffer is cleared first
  const out = bufferForTensor('lstm.prevStates', hidden * width).fill(0);
  for (let t = 1; t < states.length; t++) scatterStep(states[t - 1], batch, hidden, out, width, t);
  return tf.tensor2d(out, [hidden, width]);
}

/**
 * Last LSTM state [B, H] for inputs xt [K, steps·B] (column t·B + b, t = 0 oldest), kernel [K, 4H],
 * recurrent kernel [H, 4H] and bias [4H]: the same numbers as tf.layers.lstm with recurrentActivation 'sigmoid'.
 * `inputGradientOnly` (explanations) skips the weight gradients, two thirds of the backward's matmul work, and
 * returns zeros for them.
 */
export function runLstmLastState(
  xt: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  batch: number,
  inputGradientOnly = false,
): tf.Tensor2D {
  const hidden = recurrentKernel.shape[0];
  const steps = xt.shape[1] / batch;
  // no gradient tape recording (scoring, validation): the forward alone, keeping no step's values
  if (!tf.engine().isTapeOn()) {
    // the state leaves the tidy through a variable: a typed array returned from tf.tidy is walked index by index
    let last: Float32Array = new Float32Array(0);
    tf.tidy(() => {
      const colScale = gateScale(hidden, [4 * hidden]);
      const wt = tf.transpose(tf.mul(kernel, colScale)) as tf.Tensor2D;
      const us = tf.mul(recurrentKernel, colScale) as tf.Tensor2D;
      const biasCol = tf.reshape(tf.mul(bias, colScale), [4 * hidden, 1]);
      const xzFlat = tf.add(tf.matMul(wt, xt), biasCol) as tf.Tensor2D;
      last = runRecurrenceLastState(stepReader(xzFlat, steps, batch), steps, batch, us);
    });
    return tf.tensor2d(last, [batch, hidden]);
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, u, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const colScale = gateScale(hidden, [4 * hidden]);
    const wt = tf.transpose(tf.mul(w, colScale)) as tf.Tensor2D;
    const us = tf.mul(u, colScale) as tf.Tensor2D;
    const biasCol = tf.reshape(tf.mul(b, colScale), [4 * hidden, 1]);
    const xzFlat = tf.add(tf.matMul(wt, x), biasCol) as tf.Tensor2D;
    const st = runRecurrence(stepReader(xzFlat, steps, batch), steps, batch, us);
    save([x, wt, us]);
    const last = tf.tensor2d(st.states[steps - 1], [batch, hidden]);
    return {
      value: last,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        backward(dy as tf.Tensor2D, saved, st, inputGradientOnly),
    };
  });
  return op(xt, kernel, recurrentKernel, bias) as tf.Tensor2D;
}

function backward(
  dy: tf.Tensor2D,
  saved: tf.Tensor[],
  st: ForwardState,
  inputGradientOnly: boolean,
): tf.Tensor[] {
  const [x, wt, us] = saved as tf.Tensor2D[];
  const [batch, hidden] = dy.shape;
  const dz = runBackwardRecurrence(readKept(dy, 'lstm.dy'), tf.transpose(us), st, batch);
  // explicit transposes: WASM's transposed matmul paths run 5–10× slower than a transpose plus a plain matmul
  const dx = tf.matMul(tf.transpose(wt), dz);
  if (inputGradientOnly) {
    releaseState(st);
    return [dx, tf.zeros([x.shape[0], 4 * hidden]), tf.zeros([hidden, 4 * hidden]), tf.zeros([4 * hidden])];
  }
  const prevStates = joinPreviousStates(st.states, hidden, batch);
  releaseState(st);
  const colScale = gateScale(hidden, [4 * hidden]);
  const dw = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(x))), colScale);
  const du = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(prevStates))), colScale);
  const db = tf.mul(tf.sum(dz, 1), colScale);
  return [dx, dw, du, db];
}

/**
 * The kernel and bias as the recurrence reads them, for callers that form the gate inputs themselves: the transposed
 * kernel [4H, K] and the bias [4H], both with the cell-candidate block doubled (see gateScale).
 */
export function scaledGateWeights(
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
): { wt: Float32Array; bias: Float32Array } {
  const hidden = kernel.shape[1] / 4;
  return tf.tidy(() => {
    const scale = gateScale(hidden, [4 * hidden]);
    const wt = tf.transpose(tf.mul(kernel, scale));
    return { wt: wt.dataSync() as Float32Array, bias: tf.mul(bias, scale).dataSync() as Float32Array };
  });
}

/**
 * The LSTM's last state [B, H] from gate inputs already formed: xz [4H, steps·B] = scaled kernelᵀ·x + scaled bias
 * (column t·B + b). Its gradient is the gradient with respect to xz only (the recurrent kernel gets zeros): what
 * explanations need when the inputs are linear in a path parameter, so the input matmul over every interpolation
 * row can be replaced by scaling one product per user (integrated gradients).
 */
export function runLstmFromGateInputs(
  xz: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  batch: number,
): tf.Tensor2D {
  const hidden = recurrentKernel.shape[0];
  const steps = xz.shape[1] / batch;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, u, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const us = tf.mul(u, gateScale(hidden, [4 * hidden])) as tf.Tensor2D;
    const st = runRecurrence(stepReader(z, steps, batch), steps, batch, us);
    save([us]);
    const last = tf.tensor2d(st.states[steps - 1], [batch, hidden]);
    return {
      value: last,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dyRows = readKept(dy, 'lstm.dy');
        const dz = runBackwardRecurrence(dyRows, tf.transpose(saved[0]) as tf.Tensor2D, st, batch);
        releaseState(st);
        return [dz, tf.zeros(u.shape)];
      },
    };
  });
  return op(xz, recurrentKernel) as tf.Tensor2D;
}
