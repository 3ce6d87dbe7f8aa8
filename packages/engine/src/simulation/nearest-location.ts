/**
 * Straight-line positions of every location, for placing a unit that is on its way somewhere: the
 * point a fraction of the way along the line from A to B, and the location nearest to it. Local
 * equirectangular metres around the locations' mean latitude (as the straight-line travel model).
 */
export class NearestLocations {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly metresPerLon: number;
  private readonly metresPerLat: number;

  constructor(points: ReadonlyArray<{ lat: number; lon: number }>) {
    const meanLat = points.reduce((sum, point) => sum + point.lat, 0) / Math.max(1, points.length);
    const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
    const cosLat = Math.cos((meanLat * Math.PI) / 180);
    this.metresPerLon = cosLat * metresPerDegree;
    this.metresPerLat = metresPerDegree;
    this.x = Float64Array.from(points, (point) => point.lon * this.metresPerLon);
    this.y = Float64Array.from(points, (point) => point.lat * this.metresPerLat);
  }

  /** The location nearest to a WGS 84 point among `candidates` (all when absent); the lower index on a tie. */
  nearestTo(lat: number, lon: number, candidates?: ArrayLike<number>): number {
    const px = lon * this.metresPerLon;
    const py = lat * this.metresPerLat;
    const count = candidates ? candidates.length : this.x.length;
    let best = -1;
    let bestDistance = Infinity;
    for (let k = 0; k < count; k++) {
      const location = candidates ? candidates[k]! : k;
      const dx = this.x[location]! - px;
      const dy = this.y[location]! - py;
      const d = dx * dx + dy * dy;
      if (d < bestDistance || (d === bestDistance && location < best)) {
        bestDistance = d;
        best = location;
      }
    }
    return best;
  }

  /** The location nearest to the point `fraction` (0–1) of the way from `from` to `to`; `from` or `to` when as near as any other. */
  along(from: number, to: number, fraction: number): number {
    const x = this.x;
    const y = this.y;
    const px = x[from]! + fraction * (x[to]! - x[from]!);
    const py = y[from]! + fraction * (y[to]! - y[from]!);
    // The ends first, the nearer of them (the origin on a tie), so fraction 0 gives the origin and 1 the target.
    const dFrom = (x[from]! - px) * (x[from]! - px) + (y[from]! - py) * (y[from]! - py);
    const dTo = (x[to]! - px) * (x[to]! - px) + (y[to]! - py) * (y[to]! - py);
    let best = dTo < dFrom ? to : from;
    let bestDistance = Math.min(dFrom, dTo);
    // Inline, no closure: this runs for every returning unit a dispatch asks about.
    for (let k = 0; k < x.length; k++) {
      const dx = x[k]! - px;
      const dy = y[k]! - py;
      const d = dx * dx + dy * dy;
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }
}
