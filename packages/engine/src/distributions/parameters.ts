/** A lognormal's μ, σ² and σ from the arithmetic mean and standard deviation of the duration itself. */
export function lognormalParameters(meanSec: number, sdSec: number): { mu: number; sigma2: number; sigma: number } {
  const sigma2 = Math.log(1 + (sdSec * sdSec) / (meanSec * meanSec));
  return { mu: Math.log(meanSec) - sigma2 / 2, sigma2, sigma: Math.sqrt(sigma2) };
}

/** A gamma's shape and scale (seconds) from its mean and standard deviation. */
export function gammaParameters(meanSec: number, sdSec: number): { shape: number; scaleSec: number } {
  return { shape: (meanSec * meanSec) / (sdSec * sdSec), scaleSec: (sdSec * sdSec) / meanSec };
}
