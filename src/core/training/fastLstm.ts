// A Keras-compatible LSTM (gate order i, f, c, o; sigmoid recurrent activation) returning the last state, with a
// hand-written backward pass. Works in the transposed layout [features, batch] because row slices are contiguous
// (cheap on WASM) while column slices and split are 5–15× slower; the input matmul of all steps is hoisted out of
// the recurrence and the weight gradients are single matmuls over all steps.

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

function stepSlice(all: tf.Tensor3D, t: number, rows: number, from = 0): tf.Tensor2D {
  const cols = all.shape[2];
  return tf.reshape(tf.slice(all, [t, from, 0], [1, rows, cols]), [rows, cols]);
}

interface ForwardState {
  gates: tf.Tensor2D[];
  cells: tf.Tensor2D[];
  cellTanh: tf.Tensor2D[];
  states: tf.Tensor2D[];
}

function runRecurrence(xz: tf.Tensor3D, ut: tf.Tensor2D, hidden: number): ForwardState {
  const [steps, , batch] = xz.shape;
  const st: ForwardState = { gates: [], cells: [], cellTanh: [], states: [] };
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  for (let t = 0; t < steps; t++) {
    const zx = stepSlice(xz, t, 4 * hidden);
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

/** Per-step factors of the backward pass computed for all steps at once (few big ops instead of many small). */
function prepareBackward(gates: tf.Tensor3D, cells: tf.Tensor3D, cellTanh: tf.Tensor3D, hidden: number) {
  const [steps, , batch] = gates.shape;
  const block = (k: number) => tf.slice(gates, [0, k * hidden, 0], [steps, hidden, batch]);
  const g = tf.sub(tf.mul(block(2), 2), 1);
  const prevCells = tf.concat(
    [tf.zeros([1, hidden, batch]), tf.slice(cells, [0, 0, 0], [steps - 1, hidden, batch])],
    0,
  );
  const derivative = tf.mul(tf.sub(gates, tf.square(gates)), gateScale(hidden, [1, 4 * hidden, 1]));
  // dz = [dc, dc, dc, dh] ⊙ kd: rows are (g, c_{t−1}, i, tanh c) times the gate derivatives
  const kd = tf.mul(tf.concat([g, prevCells, block(0), cellTanh], 1), derivative) as tf.Tensor3D;
  const oq = tf.mul(block(3), tf.sub(1, tf.square(cellTanh))) as tf.Tensor3D;
  return { kd, oq, forget: block(1) as tf.Tensor3D };
}

function runBackwardRecurrence(
  dy: tf.Tensor2D,
  u: tf.Tensor2D,
  pre: ReturnType<typeof prepareBackward>,
  hidden: number,
) {
  const steps = pre.kd.shape[0];
  const dzs: tf.Tensor2D[] = new Array(steps);
  let dh = dy;
  let carry: tf.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const own = tf.mul(dh, stepSlice(pre.oq, t, hidden));
    const dc = (carry ? tf.add(own, carry) : own) as tf.Tensor2D;
    dzs[t] = tf.mul(tf.concat([dc, dc, dc, dh], 0), stepSlice(pre.kd, t, 4 * hidden)) as tf.Tensor2D;
    if (t > 0) {
      carry = tf.mul(dc, stepSlice(pre.forget, t, hidden)) as tf.Tensor2D;
      dh = tf.matMul(u, dzs[t]);
    }
  }
  return tf.stack(dzs) as tf.Tensor3D;
}

/** [steps, rows, batch] → [rows, steps·batch] */
function flattenSteps(x: tf.Tensor3D): tf.Tensor2D {
  const [steps, rows, batch] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [rows, steps * batch]);
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
    const xzFlat = tf.add(tf.matMul(wt, x), biasCol);
    const xz = tf.transpose(tf.reshape(xzFlat, [4 * hidden, steps, batch]), [1, 0, 2]) as tf.Tensor3D;
    const st = runRecurrence(xz, ut, hidden);
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
  const gates = tf.stack(per(0)) as tf.Tensor3D;
  const pre = prepareBackward(
    gates,
    tf.stack(per(1)) as tf.Tensor3D,
    tf.stack(per(2)) as tf.Tensor3D,
    hidden,
  );
  const batch = dy.shape[0];
  const dz = flattenSteps(runBackwardRecurrence(tf.transpose(dy), tf.transpose(ut), pre, hidden));
  const states = per(3);
  const prevStates = flattenSteps(
    tf.stack([tf.zeros([hidden, batch]), ...states.slice(0, steps - 1)]) as tf.Tensor3D,
  );
  const colScale = gateScale(hidden, [4 * hidden]);
  // explicit transposes: WASM's transposed matmul paths run 5–10× slower than a transpose plus a plain matmul
  const dx = tf.matMul(tf.transpose(wt), dz);
  const dw = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(x))), colScale);
  const du = tf.mul(tf.transpose(tf.matMul(dz, tf.transpose(prevStates))), colScale);
  const db = tf.mul(tf.sum(dz, 1), colScale);
  return [dx, dw, du, db];
}
