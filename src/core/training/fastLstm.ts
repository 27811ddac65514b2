// A Keras-compatible LSTM (gate order i, f, c, o; sigmoid recurrent activation) returning the last state, with a
// hand-written backward pass. The recurrence stays in tf ops: measured on WASM, a variant doing the per-step gate
// arithmetic in JS was 2× slower (JS exp/tanh cost more than tf's per-op overhead) and a JS backward 25% slower.
// Works in the transposed layout [features, batch] because row slices are contiguous (cheap on WASM) while column
// slices and split are 5–15× slower; the input matmul of all steps is hoisted out of the recurrence and the weight
// gradients are single matmuls over all steps.

import * as tf from '@tensorflow/tfjs';

/**
 * Per-column scale: the cell-candidate block is computed as tanh(z) = 2·sigmoid(2z) − 1, so its columns of the
 * kernels and bias are doubled and one sigmoid covers all four gates.
 */
function gateScale(hidden: number, shape: number[]): tf.Tensor {
  const scale = new Float32Array(4 * hidden).fill(1);
  scale.fill(2, 2 * hidden, 3 * hidden);
  return tf.tensor(scale, shape);
}

/** Per-step [rows, batch] tensors of a [rows, steps·batch] tensor (column t·batch + b). */
function splitStepColumns(flat: tf.Tensor2D, steps: number, batch: number): tf.Tensor2D[] {
  const rows = flat.shape[0];
  const data = flat.dataSync() as Float32Array;
  const width = steps * batch;
  return Array.from({ length: steps }, (_, t) => {
    const out = new Float32Array(rows * batch);
    for (let r = 0; r < rows; r++)
      out.set(data.subarray(r * width + t * batch, r * width + (t + 1) * batch), r * batch);
    return tf.tensor2d(out, [rows, batch]);
  });
}

interface ForwardState {
  gates: tf.Tensor2D[];
  cells: tf.Tensor2D[];
  cellTanh: tf.Tensor2D[];
  states: tf.Tensor2D[];
}

function runRecurrence(xz: tf.Tensor2D[], ut: tf.Tensor2D, hidden: number): ForwardState {
  const batch = xz[0].shape[1];
  const st: ForwardState = { gates: [], cells: [], cellTanh: [], states: [] };
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  for (const zx of xz) {
    const s = tf.sigmoid(h ? tf.add(tf.matMul(ut, h), zx) : zx) as tf.Tensor2D;
    const i = tf.slice(s, [0, 0], [hidden, batch]);
    const g = tf.sub(tf.mul(tf.slice(s, [2 * hidden, 0], [hidden, batch]), 2), 1);
    const ig = tf.mul(i, g);
    c = (c ? tf.add(tf.mul(tf.slice(s, [hidden, 0], [hidden, batch]), c), ig) : ig) as tf.Tensor2D;
    const tc = tf.tanh(c);
    h = tf.mul(tf.slice(s, [3 * hidden, 0], [hidden, batch]), tc) as tf.Tensor2D;
    st.gates.push(s);
    st.cells.push(c);
    st.cellTanh.push(tc);
    st.states.push(h);
  }
  return st;
}

/**
 * Per-step factors of the backward pass, computed in one JS pass over the saved step values (bulk tf ops here
 * cost ~4× more on WASM: stacking, strided slices and 3-D concats all copy through JS anyway).
 * kd rows: (g·σ'(i), c_{t−1}·σ'(f), i·tanh'(c̃), tanh(c)·σ'(o)), so dz = [dc, dc, dc, dh] ⊙ kd; oq = o·(1 − tanh²c).
 */
function prepareBackward(gates: tf.Tensor[], cells: tf.Tensor[], cellTanh: tf.Tensor[]) {
  const [rows, batch] = gates[0].shape;
  const n = (rows / 4) * batch;
  const kd: tf.Tensor2D[] = [];
  const oq: tf.Tensor2D[] = [];
  const forget: tf.Tensor2D[] = [];
  let prevCell: Float32Array | null = null;
  for (let t = 0; t < gates.length; t++) {
    const s = gates[t].dataSync() as Float32Array;
    const c = cells[t].dataSync() as Float32Array;
    const tc = cellTanh[t].dataSync() as Float32Array;
    const k = new Float32Array(4 * n);
    const q = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const i = s[j];
      const f = s[n + j];
      const sg = s[2 * n + j];
      const o = s[3 * n + j];
      k[j] = (2 * sg - 1) * i * (1 - i);
      k[n + j] = prevCell ? prevCell[j] * f * (1 - f) : 0;
      k[2 * n + j] = 2 * i * sg * (1 - sg);
      k[3 * n + j] = tc[j] * o * (1 - o);
      q[j] = o * (1 - tc[j] * tc[j]);
    }
    kd.push(tf.tensor2d(k, [rows, batch]));
    oq.push(tf.tensor2d(q, [rows / 4, batch]));
    forget.push(tf.tensor2d(s.slice(n, 2 * n), [rows / 4, batch]));
    prevCell = c;
  }
  return { kd, oq, forget };
}

function runBackwardRecurrence(dy: tf.Tensor2D, u: tf.Tensor2D, pre: ReturnType<typeof prepareBackward>) {
  const steps = pre.kd.length;
  const dzs: tf.Tensor2D[] = new Array(steps);
  let dh = dy;
  let carry: tf.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const own = tf.mul(dh, pre.oq[t]);
    const dc = (carry ? tf.add(own, carry) : own) as tf.Tensor2D;
    dzs[t] = tf.mul(tf.concat([dc, dc, dc, dh], 0), pre.kd[t]) as tf.Tensor2D;
    if (t > 0) {
      carry = tf.mul(dc, pre.forget[t]) as tf.Tensor2D;
      dh = tf.matMul(u, dzs[t]);
    }
  }
  return dzs;
}

/** [rows, steps·batch] (column t·batch + b) from per-step [rows, batch] tensors: the inverse of splitStepColumns. */
function joinStepColumns(parts: tf.Tensor[]): tf.Tensor2D {
  const [rows, batch] = parts[0].shape;
  const width = parts.length * batch;
  const out = new Float32Array(rows * width);
  parts.forEach((part, t) => {
    const data = part.dataSync() as Float32Array;
    for (let r = 0; r < rows; r++) out.set(data.subarray(r * batch, (r + 1) * batch), r * width + t * batch);
  });
  return tf.tensor2d(out, [rows, width]);
}

/**
 * Last LSTM state [B, H] for inputs xt [K, steps·B] (column t·B + b, t = 0 oldest), kernel [K, 4H],
 * recurrent kernel [H, 4H] and bias [4H]: the same numbers as tf.layers.lstm with recurrentActivation 'sigmoid'.
 */
export function runLstmLastState(
  xt: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  batch: number,
): tf.Tensor2D {
  const hidden = recurrentKernel.shape[0];
  const steps = xt.shape[1] / batch;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, u, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const colScale = gateScale(hidden, [4 * hidden]);
    const wt = tf.transpose(tf.mul(w, colScale)) as tf.Tensor2D;
    const ut = tf.transpose(tf.mul(u, colScale)) as tf.Tensor2D;
    const biasCol = tf.reshape(tf.mul(b, colScale), [4 * hidden, 1]);
    const xzFlat = tf.add(tf.matMul(wt, x), biasCol) as tf.Tensor2D;
    const st = runRecurrence(splitStepColumns(xzFlat, steps, batch), ut, hidden);
    save([x, wt, ut, ...st.gates, ...st.cells, ...st.cellTanh, ...st.states]);
    return {
      value: tf.transpose(st.states[steps - 1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved, hidden, steps),
    };
  });
  return op(xt, kernel, recurrentKernel, bias) as tf.Tensor2D;
}

function backward(dy: tf.Tensor2D, saved: tf.Tensor[], hidden: number, steps: number): tf.Tensor[] {
  const [x, wt, ut] = saved as tf.Tensor2D[];
  const per = (k: number) => saved.slice(3 + k * steps, 3 + (k + 1) * steps);
  const batch = dy.shape[0];
  const pre = prepareBackward(per(0), per(1), per(2));
  const dz = joinStepColumns(runBackwardRecurrence(tf.transpose(dy), tf.transpose(ut), pre));
  const prevStates = joinStepColumns([tf.zeros([hidden, batch]), ...per(3).slice(0, steps - 1)]);
  const colScale = gateScale(hidden, [4 * hidden]);
  // explicit transposes: WASM's transposed matmul paths run 5–10× slower than a transpose plus a plain matmul
  const dx = tf.matMul(tf.transpose(wt), dz);
  const dw = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(x))), colScale);
  const du = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(prevStates))), colScale);
  const db = tf.mul(tf.sum(dz, 1), colScale);
  return [dx, dw, du, db];
}
