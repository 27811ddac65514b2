// The standard normal distribution, for DeLong's z tests and Wilson intervals: no statistics library needed.

/** z such that P(|Z| ≤ z) = 0.95, i.e. the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/**
 * The complementary error function, Numerical Recipes' Chebyshev fit (erfcc): relative error below 1.2e-7
 * everywhere, enough for p-values printed to three or four digits.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z ≤ x) for the standard normal. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}
