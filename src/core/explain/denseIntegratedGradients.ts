// Integrated gradients of any differentiable logit over dense inputs, straight from the definition: the reference the
// tests hold the fast explainer to, and the path for models that are not one of the three Tag Lab kinds.

import * as tf from '@tensorflow/tfjs';

/** Logits [N] for a batch of N rows of each input. */
export type LogitFunction = (inputs: tf.Tensor[]) => tf.Tensor;

/**
 * Attributions for one example: `inputs` hold one example each (no batch axis); the result has their shapes, flat.
 * Baseline zero, midpoint rule over `steps` points, all of them in one batched forward/backward pass.
 */
export function integrateGradientsDense(
  logit: LogitFunction,
  inputs: tf.Tensor[],
  steps: number,
): { attributions: Float32Array[]; logit: number; baselineLogit: number } {
  const alphas = Array.from({ length: steps }, (_, s) => (s + 0.5) / steps);
  return tf.tidy(() => {
    const scaled = inputs.map((x) =>
      tf.mul(tf.tensor(alphas, [steps, ...x.shape.map(() => 1)]), tf.expandDims(x, 0)),
    );
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(logit(xs)))(scaled);
    const attributions = grads.map((g, i) => tf.mul(tf.mean(g, 0), inputs[i]).dataSync() as Float32Array);
    const ends = logit(inputs.map((x) => tf.stack([tf.zerosLike(x), x]))).dataSync();
    return { attributions, logit: ends[1], baselineLogit: ends[0] };
  });
}

/** A model's logit function: the graph up to its `output` layer's input, then that layer's affine part. */
export function logitOfLayersModel(model: tf.LayersModel, outputLayer = 'output'): LogitFunction {
  const head = model.getLayer(outputLayer);
  const body = tf.model({ inputs: model.inputs, outputs: head.input as tf.SymbolicTensor });
  return (inputs) => {
    const h = body.apply(inputs, { training: false }) as tf.Tensor2D;
    const [kernel, bias] = head.getWeights();
    return tf.add(tf.matMul(h, kernel as tf.Tensor2D), bias).reshape([-1]);
  };
}
