// A Keras-compatible LSTM (gate order i, f, c, o; sigmoid recurrent activation) returning the last state, with a
// hand-written backward pass. Per step only the matmul, add and sigmoid run as tf kernels; the cell update, tanh(c)
// and the backward's elementwise factors run in JS on [H, B] arrays (measured, Chromium worker WASM, dual: 312 → ~440
// samples/s against 14 tf kernels per forward step and 6 per backward step: per-kernel dispatch dominated; an earlier
// variant with the sigmoid in JS too was 2× slower: JS exp over [4H, B] costs more than one tf kernel).
// Works in the transposed layout [features, batch] because row slices are contiguous; the input matmul of all steps
// is hoisted out of the recurrence and the weight gradients are single matmuls over all steps.

import * as tf from '@tensorflow/tfjs';
import { bufferForTensor, heapView, readKept, writesCopy } from './tensorBuffers';

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
 * Copies `cols` columns of `rows` rows between row-major matrices: from[r·fromWidth + fromCol + c] to
 * to[r·toWidth + toCol + c]. An index loop, not set(subarray()): a view per row was ≈ 60,000 short-lived objects a
 * dual step, whose scavenges (a few ms each, with helper threads) landed at random in one data-parallel worker while
 * the other waited for it.
 */
function copyColumns(
  from: Float32Array,
  fromWidth: number,
  fromCol: number,
  to: Float32Array,
  toWidth: number,
  toCol: number,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const f = r * fromWidth + fromCol;
    const d = r * toWidth + toCol;
    for (let c = 0; c < cols; c++) to[d + c] = from[f + c];
  }
}

/** Per-step [rows, batch] tensors of a [rows, steps·batch] tensor (column t·batch + b). */
function splitStepColumns(flat: tf.Tensor2D, steps: number, batch: number): tf.Tensor2D[] {
  const rows = flat.shape[0];
  const width = steps * batch;
  // on WASM the steps are copied straight out of the heap through one kept buffer (tensorBuffers.ts); the view is
  // taken again for every step because making a tensor may grow the heap and detach the last one
  const wasm = heapView(flat) !== null;
  const data = wasm ? null : (flat.dataSync() as Float32Array);
  return Array.from({ length: steps }, (_, t) => {
    const source = data ?? (heapView(flat) as Float32Array);
    const out = bufferForTensor('lstm.step', rows * batch);
    copyColumns(source, width, t * batch, out, batch, 0, rows, batch);
    return tf.tensor2d(out, [rows, batch]);
  });
}

/** Per-step values the backward pass needs, as plain arrays ([4H, B] gates, [H, B] the rest, row-major). */
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
 * Per step: sigmoid(Uᵀh + zx) in tf (three kernels), the cell update and tanh in JS on the [H, B] values. Fewer
 * kernels per step is what counts on WASM (each costs tens of µs of dispatch); only the H·B tanh runs in JS.
 */
function runRecurrence(xz: tf.Tensor2D[], ut: tf.Tensor2D, hidden: number): ForwardState {
  const batch = xz[0].shape[1];
  const n = hidden * batch;
  // on WASM every step's values are slices of one pooled buffer, handed back when the backward pass is done
  const pooled = writesCopy() ? takeStateBuffer(7 * n * xz.length) : null;
  const st: ForwardState = { gates: [], cells: [], cellTanh: [], states: [], pooled };
  let h: tf.Tensor2D | null = null;
  let prevCell: Float32Array | null = null;
  for (const [t, zx] of xz.entries()) {
    const gates = tf.tidy(() => tf.sigmoid(h ? tf.add(tf.matMul(ut, h), zx) : zx));
    const base = 7 * n * t;
    const s = pooled ? pooled.subarray(base, base + 4 * n) : (gates.dataSync() as Float32Array);
    if (pooled) s.set(heapView(gates) as Float32Array);
    tf.dispose([gates, zx, ...(h ? [h] : [])]);
    const c = pooled ? pooled.subarray(base + 4 * n, base + 5 * n) : new Float32Array(n);
    const tc = pooled ? pooled.subarray(base + 5 * n, base + 6 * n) : new Float32Array(n);
    const hv = pooled ? pooled.subarray(base + 6 * n, base + 7 * n) : new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const ig = s[j] * (2 * s[2 * n + j] - 1);
      const cj = prevCell ? s[n + j] * prevCell[j] + ig : ig;
      const t = Math.tanh(cj);
      c[j] = cj;
      tc[j] = t;
      hv[j] = s[3 * n + j] * t;
    }
    h = tf.tensor2d(hv, [hidden, batch]);
    st.gates.push(s);
    st.cells.push(c);
    st.cellTanh.push(tc);
    st.states.push(hv);
    prevCell = c;
  }
  if (h) h.dispose();
  return st;
}

/**
 * The last state [H, B] only, for passes no gradient will be taken of (scoring, validation): the same arithmetic as
 * runRecurrence, but the cell lives in one buffer and no step's values are kept. Keeping them (≈ 7·H·B floats a
 * step, 100 MB for a dual 512-user batch) filled the heap with arrays that live until the op ends, and the
 * collections they started ran on V8's helper threads, taking the core a second scoring or training thread needs.
 */
function runRecurrenceLastState(xz: tf.Tensor2D[], ut: tf.Tensor2D, hidden: number): Float32Array {
  const batch = xz[0].shape[1];
  const n = hidden * batch;
  const cell = new Float32Array(n);
  let hv: Float32Array = new Float32Array(n);
  let h: tf.Tensor2D | null = null;
  xz.forEach((zx, t) => {
    const gates = tf.tidy(() => tf.sigmoid(h ? tf.add(tf.matMul(ut, h), zx) : zx));
    const s = readKept(gates, 'lstm.gates');
    tf.dispose([gates, zx, ...(h ? [h] : [])]);
    // a kept buffer on WASM; a fresh array elsewhere (the cpu backend keeps the array it makes a tensor from)
    hv = bufferForTensor('lstm.h', n);
    for (let j = 0; j < n; j++) {
      const ig = s[j] * (2 * s[2 * n + j] - 1);
      const cj = t > 0 ? s[n + j] * cell[j] + ig : ig;
      cell[j] = cj;
      hv[j] = s[3 * n + j] * Math.tanh(cj);
    }
    h = tf.tensor2d(hv, [hidden, batch]);
  });
  if (h) (h as tf.Tensor2D).dispose();
  return hv;
}

/**
 * dz of every step written straight into the joined [4H, steps·B] layout (column t·B + b). Per step one tf matmul
 * (dh = U·dz) and the elementwise factors in JS: dc = dh·o·(1 − tanh²c) + carry, dz = (dc·g·σ'(i), dc·c_{t−1}·σ'(f),
 * dc·i·tanh'(c̃), dh·tanh(c)·σ'(o)), carry = dc·f.
 */
function runBackwardRecurrence(dyT: Float32Array, u: tf.Tensor2D, st: ForwardState, batch: number) {
  const steps = st.gates.length;
  const n = dyT.length;
  const hidden = n / batch;
  const width = steps * batch;
  // every entry is written below (each step fills its columns of every row), so a kept buffer's old values never show
  const dzAll = bufferForTensor('lstm.dz', 4 * n * steps);
  const dzStep = new Float32Array(4 * n);
  let dh = dyT;
  // the carry and the next one swap buffers; dh is read into a kept buffer (tensorBuffers.ts) once it is consumed
  let carry = new Float32Array(n);
  let nextCarry = new Float32Array(n);
  for (let t = steps - 1; t >= 0; t--) {
    const s = st.gates[t];
    const tc = st.cellTanh[t];
    const prevCell = t > 0 ? st.cells[t - 1] : null;
    for (let j = 0; j < n; j++) {
      const i = s[j];
      const f = s[n + j];
      const sg = s[2 * n + j];
      const o = s[3 * n + j];
      const dc = dh[j] * o * (1 - tc[j] * tc[j]) + carry[j];
      dzStep[j] = dc * (2 * sg - 1) * i * (1 - i);
      dzStep[n + j] = prevCell ? dc * prevCell[j] * f * (1 - f) : 0;
      dzStep[2 * n + j] = dc * 2 * i * sg * (1 - sg);
      dzStep[3 * n + j] = dh[j] * tc[j] * o * (1 - o);
      nextCarry[j] = dc * f;
    }
    copyColumns(dzStep, batch, 0, dzAll, width, t * batch, 4 * hidden, batch);
    [carry, nextCarry] = [nextCarry, carry];
    if (t > 0) {
      const dhT = tf.tidy(() => tf.matMul(u, tf.tensor2d(dzStep, [4 * hidden, batch])));
      dh = readKept(dhT, 'lstm.dh');
      dhT.dispose();
    }
  }
  return tf.tensor2d(dzAll, [4 * hidden, width]);
}

/** [H, steps·B]: the state before each step (zeros before the first), column t·B + b. */
function joinPreviousStates(states: Float32Array[], hidden: number, batch: number): tf.Tensor2D {
  const width = states.length * batch;
  // the first step's columns stay zero: a kept buffer is cleared first
  const out = bufferForTensor('lstm.prevStates', hidden * width).fill(0);
  for (let t = 1; t < states.length; t++) {
    copyColumns(states[t - 1], batch, 0, out, width, t * batch, hidden, batch);
  }
  return tf.tensor2d(out, [hidden, width]);
}

/** [H, B] from [B, H]. */
function transposeRows(dy: Float32Array, batch: number, hidden: number): Float32Array {
  const out = new Float32Array(dy.length);
  for (let b = 0; b < batch; b++) for (let r = 0; r < hidden; r++) out[r * batch + b] = dy[b * hidden + r];
  return out;
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
      const ut = tf.transpose(tf.mul(recurrentKernel, colScale)) as tf.Tensor2D;
      const biasCol = tf.reshape(tf.mul(bias, colScale), [4 * hidden, 1]);
      const xzFlat = tf.add(tf.matMul(wt, xt), biasCol) as tf.Tensor2D;
      last = runRecurrenceLastState(splitStepColumns(xzFlat, steps, batch), ut, hidden);
    });
    return tf.tensor2d(transposeRows(last, hidden, batch), [batch, hidden]);
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, u, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const colScale = gateScale(hidden, [4 * hidden]);
    const wt = tf.transpose(tf.mul(w, colScale)) as tf.Tensor2D;
    const ut = tf.transpose(tf.mul(u, colScale)) as tf.Tensor2D;
    const biasCol = tf.reshape(tf.mul(b, colScale), [4 * hidden, 1]);
    const xzFlat = tf.add(tf.matMul(wt, x), biasCol) as tf.Tensor2D;
    const st = runRecurrence(splitStepColumns(xzFlat, steps, batch), ut, hidden);
    save([x, wt, ut]);
    const last = tf.tensor2d(transposeRows(st.states[steps - 1], hidden, batch), [batch, hidden]);
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
  const [x, wt, ut] = saved as tf.Tensor2D[];
  const [batch, hidden] = dy.shape;
  const dyT = transposeRows(dy.dataSync() as Float32Array, batch, hidden);
  const dz = runBackwardRecurrence(dyT, tf.transpose(ut), st, batch);
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
    const ut = tf.transpose(tf.mul(u, gateScale(hidden, [4 * hidden]))) as tf.Tensor2D;
    const st = runRecurrence(splitStepColumns(z, steps, batch), ut, hidden);
    save([ut]);
    const last = tf.tensor2d(transposeRows(st.states[steps - 1], hidden, batch), [batch, hidden]);
    return {
      value: last,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dyT = transposeRows((dy as tf.Tensor2D).dataSync() as Float32Array, batch, hidden);
        const dz = runBackwardRecurrence(dyT, tf.transpose(saved[0]) as tf.Tensor2D, st, batch);
        releaseState(st);
        return [dz, tf.zeros(u.shape)];
      },
    };
  });
  return op(xz, recurrentKernel) as tf.Tensor2D;
}
