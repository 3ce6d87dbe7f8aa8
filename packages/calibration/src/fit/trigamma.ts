/**
 * ψ₁(x), the trigamma function, for x > 0: the recurrence ψ₁(x) = ψ₁(x + 1) + 1/x² (Abramowitz and
 * Stegun 6.4.6) lifts x to at least 15, where the asymptotic series 6.4.12 (Bernoulli terms up to
 * x⁻¹³) is accurate to about 1e-16 relative. Written here because no maintained npm package of the
 * trigamma function installs on its own (@stdlib ships digamma, which fit.ts uses, but no trigamma).
 */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shifted = x;
  let sum = 0;
  while (shifted < 15) {
    sum += 1 / (shifted * shifted);
    shifted += 1;
  }
  const inv = 1 / shifted;
  const inv2 = inv * inv;
  // 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹) + 5/(66x¹¹) − 691/(2730x¹³)
  const series = inv + inv2 / 2 + inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - (inv2 * 691) / 2730)))));
  return sum + series;
}
