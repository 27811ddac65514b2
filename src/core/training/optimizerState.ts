// Saving and restoring Adam's state, so a resumed run takes the same steps as one never interrupted.
// tf's getWeights/setWeights carry the step count and moments; the bias-correction powers are read and written
// directly because setWeights recomputes them with pow(), which can differ from the running product in the last bit.

import * as tf from '@tensorflow/tfjs';
import { readTensorData, toTensors, type OptimizerState } from './checkpoint';

type AdamInternals = { accBeta1: tf.Variable; accBeta2: tf.Variable };

export async function exportAdamState(optimizer: tf.AdamOptimizer): Promise<OptimizerState> {
  const [iter, ...moments] = await optimizer.getWeights();
  const iterations = (await iter.tensor.data())[0];
  iter.tensor.dispose();
  const internals = optimizer as unknown as AdamInternals;
  return {
    iterations,
    accBeta1: (await internals.accBeta1.data())[0],
    accBeta2: (await internals.accBeta2.data())[0],
    moments: await Promise.all(moments.map((m) => readTensorData(m.tensor))),
  };
}

/** Restores a fresh optimizer (one that has taken no step yet) to the saved state. */
export async function importAdamState(optimizer: tf.AdamOptimizer, state: OptimizerState): Promise<void> {
  const iter = tf.scalar(state.iterations, 'int32');
  const moments = toTensors(state.moments);
  // setWeights wraps each tensor in a new variable sharing its data, so the inputs can be disposed after
  await optimizer.setWeights([
    { name: 'iter', tensor: iter },
    ...moments.map((tensor, i) => ({ name: `moment_${i}`, tensor })),
  ]);
  tf.dispose([iter, ...moments]);
  const internals = optimizer as unknown as AdamInternals;
  tf.tidy(() => {
    internals.accBeta1.assign(tf.scalar(state.accBeta1));
    internals.accBeta2.assign(tf.scalar(state.accBeta2));
  });
}
