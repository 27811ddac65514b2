// The median of a bench's rounds (the mean of the two middle values for an even count): a stalled round on a shared
// machine moves it less than a mean.

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
