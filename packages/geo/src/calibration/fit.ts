/**
 * Fitting a travel-time model's parameters to reference times: least squares on log ratios with bounds, by a
 * deterministic compass (pattern) search. The model is re-run for every trial, routes included, so the objective
 * need not be smooth: a change of speed can change which road is fastest.
 */

export interface FitParameter {
  name: string;
  lower: number;
  upper: number;
  start: number;
  /** "log": searched on the logarithm (speeds, factors: steps are ratios); "linear": on the value. Default "log". */
  scale?: "log" | "linear";
}

export interface FitOptions {
  /** First step: a ratio of exp(0.25) ≈ 1.28 on log parameters, an eighth of the range on linear ones. */
  initialStep?: number;
  /** Stop when every step has been halved this many times (default 8: 1/256 of the first step). */
  halvings?: number;
  maxEvaluations?: number;
}

export interface FitResult {
  theta: number[];
  /** Mean squared log ratio at theta. */
  loss: number;
  startLoss: number;
  evaluations: number;
  /** Whether a parameter ended at a bound (the data would move it further). */
  atBound: boolean[];
}

/** Mean of (ln(predicted / observed))², every pair weighted alike; Infinity if a prediction is not a positive finite number. */
export function meanSquaredLogRatio(predicted: ArrayLike<number>, observed: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    const p = predicted[i]!;
    const o = observed[i]!;
    if (!(p > 0) || !Number.isFinite(p)) return Infinity;
    const r = Math.log(p / o);
    sum += r * r;
  }
  return observed.length > 0 ? sum / observed.length : 0;
}

/**
 * Minimises meanSquaredLogRatio(predict(θ), observed) over the box of the parameters. Compass search: from the
 * start, try a step up and down on each parameter in turn and take the first that lowers the loss; when none does,
 * halve the steps; stop after `halvings` halvings. Deterministic, needs no gradient, never leaves the bounds.
 */
export function fitLogRatios(parameters: readonly FitParameter[], predict: (theta: number[]) => ArrayLike<number>, observed: ArrayLike<number>, options: FitOptions = {}): FitResult {
  const d = parameters.length;
  const toSearch = (p: FitParameter, v: number) => (p.scale === "linear" ? v : Math.log(v));
  const fromSearch = (p: FitParameter, u: number) => (p.scale === "linear" ? u : Math.exp(u));
  const lo = parameters.map((p) => toSearch(p, p.lower));
  const hi = parameters.map((p) => toSearch(p, p.upper));
  for (const p of parameters) {
    if (!(p.lower <= p.start && p.start <= p.upper)) throw new RangeError(`parameter ${p.name}: start ${p.start} outside [${p.lower}, ${p.upper}]`);
    if (p.scale !== "linear" && !(p.lower > 0)) throw new RangeError(`parameter ${p.name}: a log-scale parameter needs a positive lower bound`);
  }
  const first = parameters.map((p, i) => (p.scale === "linear" ? (hi[i]! - lo[i]!) / 8 : (options.initialStep ?? 0.25)));
  const step = [...first];
  const halvings = options.halvings ?? 8;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const memo = new Map<string, number>();
  let evaluations = 0;
  const loss = (u: number[]): number => {
    const theta = u.map((x, i) => fromSearch(parameters[i]!, x));
    const key = theta.map((t) => t.toPrecision(12)).join(",");
    const known = memo.get(key);
    if (known !== undefined) return known;
    evaluations++;
    const value = meanSquaredLogRatio(predict(theta), observed);
    memo.set(key, value);
    return value;
  };
  let u = parameters.map((p) => toSearch(p, p.start));
  let f = loss(u);
  const startLoss = f;
  let halved = 0;
  while (halved < halvings && evaluations < maxEvaluations) {
    let moved = false;
    for (let i = 0; i < d && !moved; i++) {
      for (const sign of [1, -1]) {
        const v = [...u];
        v[i] = Math.min(hi[i]!, Math.max(lo[i]!, u[i]! + sign * step[i]!));
        if (v[i] === u[i]) continue;
        const fv = loss(v);
        if (fv < f - 1e-12) {
          u = v;
          f = fv;
          moved = true;
          break;
        }
      }
    }
    if (!moved) {
      for (let i = 0; i < d; i++) step[i] = step[i]! / 2;
      halved++;
    }
  }
  return {
    theta: u.map((x, i) => fromSearch(parameters[i]!, x)),
    loss: f,
    startLoss,
    evaluations,
    atBound: u.map((x, i) => Math.abs(x - lo[i]!) < 1e-12 || Math.abs(x - hi[i]!) < 1e-12),
  };
}

/** Linear-interpolated quantile of sorted values (q in 0..1). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const i = Math.floor(at);
  const frac = at - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - frac) + sorted[i + 1]! * frac : sorted[i]!;
}

/** How predicted times compare with reference times: the ratio predicted / reference. */
export interface RatioSummary {
  pairs: number;
  medianRatio: number;
  /** Interquartile range of the ratio: 25th and 75th percentiles. */
  q25: number;
  q75: number;
  /** Share of pairs whose ratio is within 0.8–1.2. */
  within20: number;
  /** Geometric mean ratio, exp(mean ln ratio). */
  geometricMeanRatio: number;
  /** Root mean squared log ratio (the fitted loss, square-rooted). */
  rmsLogRatio: number;
}

export function ratioSummary(predicted: ArrayLike<number>, observed: ArrayLike<number>): RatioSummary {
  const ratios: number[] = [];
  let logSum = 0;
  let logSq = 0;
  let within = 0;
  for (let i = 0; i < observed.length; i++) {
    const r = predicted[i]! / observed[i]!;
    ratios.push(r);
    const l = Math.log(r);
    logSum += l;
    logSq += l * l;
    if (r >= 0.8 && r <= 1.2) within++;
  }
  ratios.sort((a, b) => a - b);
  const n = ratios.length;
  return {
    pairs: n,
    medianRatio: quantileSorted(ratios, 0.5),
    q25: quantileSorted(ratios, 0.25),
    q75: quantileSorted(ratios, 0.75),
    within20: n > 0 ? within / n : NaN,
    geometricMeanRatio: n > 0 ? Math.exp(logSum / n) : NaN,
    rmsLogRatio: n > 0 ? Math.sqrt(logSq / n) : NaN,
  };
}
