// Class weights, so training can use every labelled user instead of discarding the majority: each class gets the
// weight n / (2 · n_class) (scikit-learn's "balanced"), so both classes carry half of the loss and the mean weight
// over the training users is 1 (the loss keeps its scale, and the learning rate its meaning).

export interface ClassWeights {
  positive: number;
  negative: number;
}

/** Balanced weights from 1/0 training labels; null when a class is empty (nothing to balance). */
export function computeBalancedClassWeights(labels: ArrayLike<number>): ClassWeights | null {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0.5) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return { positive: labels.length / (2 * positives), negative: labels.length / (2 * negatives) };
}

/** One weight per user of a batch. */
export function weightsOf(labels: ArrayLike<number>, weights: ClassWeights): Float32Array {
  return Float32Array.from({ length: labels.length }, (_, i) =>
    labels[i] >= 0.5 ? weights.positive : weights.negative,
  );
}
