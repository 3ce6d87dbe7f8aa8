import { LocalProjection } from "../geometry/distance.js";
import { signedArea2, type Ring } from "./rings.js";

/**
 * Douglas–Peucker simplification of a closed ring with a tolerance in metres (measured in a local
 * projection at the ring's latitude). Returns null when the ring collapses: fewer than four points,
 * or an area below `minAreaM2`.
 */
export function simplifyRing(ring: Ring, toleranceM: number, minAreaM2 = 0): Ring | null {
  const n = ring.length - 1; // distinct points; ring[n] repeats ring[0]
  if (n < 3) return null;
  const projection = new LocalProjection(ring[0]![1]!);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = projection.x(ring[i]![0]!);
    ys[i] = projection.y(ring[i]![1]!);
  }
  const areaM2 = Math.abs(signedArea2(ring)) / 2 * projection.metresPerDegLat * projection.metresPerDegLon;
  if (areaM2 < minAreaM2) return null;
  if (toleranceM <= 0) return ring;
  // Split the closed ring at point 0 and the point farthest from it, then simplify both halves.
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (xs[i]! - xs[0]!) ** 2 + (ys[i]! - ys[0]!) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const keep = new Uint8Array(n + 1);
  keep[0] = 1;
  keep[far] = 1;
  keep[n] = 1;
  const tolSq = toleranceM * toleranceM;
  const at = (i: number) => (i === n ? 0 : i);
  const stack: Array<[number, number]> = [[0, far], [far, n]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const ax = xs[at(first)]!;
    const ay = ys[at(first)]!;
    const dx = xs[at(last)]! - ax;
    const dy = ys[at(last)]! - ay;
    const lengthSq = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tolSq;
    for (let i = first + 1; i < last; i++) {
      const px = xs[i]! - ax;
      const py = ys[i]! - ay;
      let t = lengthSq === 0 ? 0 : (px * dx + py * dy) / lengthSq;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const d = (px - t * dx) ** 2 + (py - t * dy) ** 2;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  const out: Ring = [];
  for (let i = 0; i <= n; i++) if (keep[i]) out.push(ring[at(i)]!);
  return out.length >= 4 ? out : null;
}
