/**
 * Inline SVG for the self-contained comparison page: dot-and-whisker charts of paired differences
 * and choropleth maps from GeoJSON boundaries. No external resources; every SVG carries <title>
 * and <desc>; colours are colour-blind safe (Okabe–Ito for series, ColorBrewer YlGnBu for
 * sequential values, blue–orange for differences) and marker shapes repeat the colour coding.
 */

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const r1 = (x: number) => {
  const v = Math.round(x * 10) / 10;
  return Object.is(v, -0) ? "0" : String(v);
};

let idCounter = 0;
/** Ids unique within one page; reset by the page renderer so output is deterministic. */
export function resetSvgIds(): void {
  idCounter = 0;
}
const nextId = (prefix: string) => `${prefix}-${++idCounter}`;

/** Okabe–Ito colours for series (alternatives), darkest first. */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;
/** ColorBrewer YlGnBu, 6 classes: sequential, colour-blind and print safe. */
export const SEQUENTIAL_COLOURS = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"] as const;
/** Blue (lower, i.e. faster) – neutral – orange (higher, slower): 7 classes. */
export const DIVERGING_COLOURS = ["#08519c", "#4292c6", "#c6dbef", "#f7f7f7", "#fdd0a2", "#f16913", "#a63603"] as const;
export const NO_DATA_COLOUR = "#d9d9d9";
const INK = "#1a1a1a";
const MUTED = "#555555";

/** A marker shape per series so the colours are not the only cue. */
function marker(shape: number, x: number, y: number, colour: string): string {
  const s = 4.5;
  const common = `fill="${colour}" stroke="${INK}" stroke-width="0.8"`;
  switch (shape % 5) {
    case 0:
      return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${s}" ${common}/>`;
    case 1:
      return `<rect x="${r1(x - s)}" y="${r1(y - s)}" width="${2 * s}" height="${2 * s}" ${common}/>`;
    case 2:
      return `<path d="M${r1(x)} ${r1(y - s * 1.3)}L${r1(x + s * 1.3)} ${r1(y)}L${r1(x)} ${r1(y + s * 1.3)}L${r1(x - s * 1.3)} ${r1(y)}Z" ${common}/>`;
    case 3:
      return `<path d="M${r1(x)} ${r1(y - s * 1.2)}L${r1(x + s * 1.2)} ${r1(y + s)}L${r1(x - s * 1.2)} ${r1(y + s)}Z" ${common}/>`;
    default:
      return `<path d="M${r1(x)} ${r1(y + s * 1.2)}L${r1(x + s * 1.2)} ${r1(y - s)}L${r1(x - s * 1.2)} ${r1(y - s)}Z" ${common}/>`;
  }
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Math.round(t / step) * step + 0);
  return ticks;
}

export interface DotSeriesItem {
  /** Series index (alternative), picks colour and shape. */
  series: number;
  mean: number | null;
  low: number | null;
  high: number | null;
}

export interface DotChartSpec {
  title: string;
  desc: string;
  seriesLabels: string[];
  rows: Array<{ label: string; items: DotSeriesItem[] }>;
  /** Half-width of the shaded "no practical importance" band around 0, in display units; null for none. */
  relevant: number | null;
  relevantLabel: string;
  format: (x: number) => string;
  axisLabel: string;
}

/** Horizontal dot-and-whisker chart: one row per area, one marker per alternative, CI whiskers, a zero line. */
export function dotChartSvg(spec: DotChartSpec): string {
  const width = 680;
  const left = 260;
  const right = 24;
  const seriesCount = Math.max(1, spec.seriesLabels.length);
  const legendHeight = 22 * Math.ceil(seriesCount / 3);
  const top = 12 + legendHeight;
  const rowHeight = Math.max(22, 13 * seriesCount + 8);
  const plotHeight = rowHeight * Math.max(1, spec.rows.length);
  const height = top + plotHeight + 42;
  let lo = 0;
  let hi = 0;
  for (const row of spec.rows) {
    for (const item of row.items) {
      for (const v of [item.mean, item.low, item.high]) {
        if (v !== null && Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  if (spec.relevant !== null) {
    lo = Math.min(lo, -spec.relevant);
    hi = Math.max(hi, spec.relevant);
  }
  if (!(hi > lo)) (lo -= 1), (hi += 1);
  const padding = (hi - lo) * 0.06;
  lo -= padding;
  hi += padding;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (width - left - right);
  const titleId = nextId("chart-title");
  const descId = nextId("chart-desc");
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeXml(spec.title)}</title>`,
    `<desc id="${descId}">${escapeXml(spec.desc)}</desc>`,
  ];
  // Legend.
  spec.seriesLabels.forEach((label, i) => {
    const lx = 10 + (i % 3) * 220;
    const ly = 14 + Math.floor(i / 3) * 22;
    parts.push(marker(i, lx + 6, ly, SERIES_COLOURS[i % SERIES_COLOURS.length]!), `<text x="${lx + 16}" y="${ly + 4}" class="label">${escapeXml(label)}</text>`);
  });
  if (spec.relevant !== null) {
    parts.push(
      `<rect x="${r1(x(-spec.relevant))}" y="${top}" width="${r1(x(spec.relevant) - x(-spec.relevant))}" height="${plotHeight}" fill="#ececec"><title>${escapeXml(spec.relevantLabel)}</title></rect>`,
    );
  }
  for (const t of niceTicks(lo, hi)) {
    parts.push(
      `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${top + plotHeight}" stroke="${t === 0 ? INK : "#c8c8c8"}" stroke-width="${t === 0 ? 1.2 : 0.6}"/>`,
      `<text x="${r1(x(t))}" y="${top + plotHeight + 14}" text-anchor="middle" class="tick">${escapeXml(spec.format(t))}</text>`,
    );
  }
  parts.push(`<text x="${r1((left + width - right) / 2)}" y="${top + plotHeight + 32}" text-anchor="middle" class="label">${escapeXml(spec.axisLabel)}</text>`);
  spec.rows.forEach((row, r) => {
    const y0 = top + r * rowHeight;
    if (r % 2 === 1) parts.push(`<rect x="0" y="${y0}" width="${left - 6}" height="${rowHeight}" fill="#f5f5f5"/>`);
    parts.push(`<text x="${left - 10}" y="${r1(y0 + rowHeight / 2 + 4)}" text-anchor="end" class="label">${escapeXml(row.label)}</text>`);
    row.items.forEach((item, k) => {
      const y = y0 + 8 + k * 13 + (rowHeight - 8 - 13 * row.items.length) / 2 + 2;
      const colour = SERIES_COLOURS[item.series % SERIES_COLOURS.length]!;
      if (item.mean === null) {
        parts.push(`<text x="${r1(x(0) + 6)}" y="${r1(y + 4)}" class="tick">–</text>`);
        return;
      }
      if (item.low !== null && item.high !== null) {
        parts.push(
          `<line x1="${r1(x(item.low))}" x2="${r1(x(item.high))}" y1="${r1(y)}" y2="${r1(y)}" stroke="${colour}" stroke-width="2"/>`,
          `<line x1="${r1(x(item.low))}" x2="${r1(x(item.low))}" y1="${r1(y - 3)}" y2="${r1(y + 3)}" stroke="${colour}" stroke-width="1.5"/>`,
          `<line x1="${r1(x(item.high))}" x2="${r1(x(item.high))}" y1="${r1(y - 3)}" y2="${r1(y + 3)}" stroke="${colour}" stroke-width="1.5"/>`,
        );
      }
      parts.push(marker(item.series, x(item.mean), y, colour));
    });
  });
  parts.push("</svg>");
  return parts.join("");
}

// ───────────────────────────── maps ─────────────────────────────

type Position = number[];
export interface BoundaryGeometryPolygon {
  type: "Polygon";
  coordinates: Position[][];
}
export interface BoundaryGeometryMultiPolygon {
  type: "MultiPolygon";
  coordinates: Position[][][];
}
export interface BoundaryFeature {
  type: "Feature";
  properties: Record<string, unknown> | null;
  geometry: BoundaryGeometryPolygon | BoundaryGeometryMultiPolygon | { type: string } | null;
}
/** A GeoJSON FeatureCollection of Polygon/MultiPolygon features in lon/lat (RFC 7946). */
export interface BoundaryCollection {
  type: "FeatureCollection";
  features: BoundaryFeature[];
}

/** Properties tried, in order, for a feature's area code. */
export const DEFAULT_CODE_PROPERTIES = ["areaCode", "code", "kommunenummer", "bydelskode"] as const;

export interface MapArea {
  code: string;
  name: string;
  polygons: Position[][][];
}

/** The features whose code is one of `codes`, with their polygons; a code given by several features keeps them all. */
export function matchBoundaries(boundaries: BoundaryCollection | undefined, codes: Map<string, string>, codeProperties: readonly string[]): MapArea[] {
  if (!boundaries || !Array.isArray(boundaries.features)) return [];
  const byCode = new Map<string, MapArea>();
  for (const feature of boundaries.features) {
    const props = feature.properties ?? {};
    let code: string | null = null;
    for (const key of codeProperties) {
      const v = props[key];
      if (typeof v === "string" || typeof v === "number") {
        const text = String(v);
        if (codes.has(text)) {
          code = text;
          break;
        }
      }
    }
    if (code === null || !feature.geometry) continue;
    const g = feature.geometry;
    const polygons = g.type === "Polygon" ? [(g as BoundaryGeometryPolygon).coordinates] : g.type === "MultiPolygon" ? (g as BoundaryGeometryMultiPolygon).coordinates : [];
    if (polygons.length === 0) continue;
    const area = byCode.get(code) ?? { code, name: codes.get(code) ?? code, polygons: [] };
    area.polygons.push(...polygons);
    byCode.set(code, area);
  }
  // Deterministic order: the order of `codes`.
  return [...codes.keys()].flatMap((code) => (byCode.has(code) ? [byCode.get(code)!] : []));
}

/** Equirectangular projection at the mean latitude of the extent, fitted to a box. */
export interface Projection {
  width: number;
  height: number;
  project: (lon: number, lat: number) => [number, number];
}

export function fitProjection(areas: MapArea[], maxWidth = 340, maxHeight = 380, pad = 8, minAspect = 0.8): Projection | null {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const area of areas) {
    for (const polygon of area.polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  if (!(maxLon > minLon && maxLat > minLat)) return null;
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  // Widen (or heighten) a very narrow extent around its centre so neighbouring areas give context.
  if ((maxLon - minLon) * k < minAspect * (maxLat - minLat)) {
    const half = (minAspect * (maxLat - minLat)) / k / 2;
    const mid = (minLon + maxLon) / 2;
    minLon = mid - half;
    maxLon = mid + half;
  } else if ((maxLat - minLat) * 2.5 < (maxLon - minLon) * k) {
    const half = ((maxLon - minLon) * k) / 2.5 / 2;
    const mid = (minLat + maxLat) / 2;
    minLat = mid - half;
    maxLat = mid + half;
  }
  const w = (maxLon - minLon) * k;
  const h = maxLat - minLat;
  const scale = Math.min((maxWidth - 2 * pad) / w, (maxHeight - 2 * pad) / h);
  const width = Math.round(w * scale + 2 * pad);
  const height = Math.round(h * scale + 2 * pad);
  return { width, height, project: (lon, lat) => [pad + (lon - minLon) * k * scale, pad + (maxLat - lat) * scale] };
}

/** SVG path data of an area: one subpath per ring, points closer than 0.6 px to the last kept one dropped. */
export function areaPath(area: MapArea, projection: Projection): string {
  const out: string[] = [];
  for (const polygon of area.polygons) {
    for (const ring of polygon) {
      const points: Array<[number, number]> = [];
      for (const position of ring) {
        const [lon, lat] = position;
        if (lon === undefined || lat === undefined) continue;
        const p = projection.project(lon, lat);
        const last = points[points.length - 1];
        if (last && Math.abs(last[0] - p[0]) < 0.6 && Math.abs(last[1] - p[1]) < 0.6) continue;
        points.push(p);
      }
      if (points.length < 3) continue;
      out.push(`M${points.map(([px, py]) => `${r1(px)} ${r1(py)}`).join("L")}Z`);
    }
  }
  return out.join("");
}

/** Area-weighted centroid of the largest ring, for the label. */
function labelPoint(area: MapArea, projection: Projection): [number, number] | null {
  let best: { a: number; x: number; y: number } | null = null;
  for (const polygon of area.polygons) {
    const ring = (polygon[0] ?? []).map(([lon, lat]) => projection.project(lon ?? 0, lat ?? 0));
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[(i + 1) % ring.length]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (a === 0) continue;
    if (!best || Math.abs(a) > Math.abs(best.a)) best = { a, x: cx / (3 * a), y: cy / (3 * a) };
  }
  return best ? [best.x, best.y] : null;
}

export interface ClassedScale {
  colours: readonly string[];
  /** colours.length + 1 class edges, ascending. */
  edges: number[];
  format: (x: number) => string;
}

export function colourOf(scale: ClassedScale, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_COLOUR;
  const n = scale.colours.length;
  const lo = scale.edges[0]!;
  const hi = scale.edges[n]!;
  if (!(hi > lo)) return scale.colours[0]!;
  let k = 0;
  while (k < n - 1 && value >= scale.edges[k + 1]!) k++;
  return scale.colours[k]!;
}

/** Equal-interval classes over [lo, hi]. */
export function classedScale(colours: readonly string[], lo: number, hi: number, format: (x: number) => string): ClassedScale {
  const n = colours.length;
  return { colours, edges: Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n), format };
}

/**
 * A diverging scale with a neutral middle class: 7 classes whose edges are the odd multiples of a
 * round step h (±h, ±3h, ±5h, ±7h), with 7h ≥ maxAbs. Steps are round numbers of seconds.
 */
export function divergingScale(maxAbs: number, format: (x: number) => string): ClassedScale {
  const steps = [6, 12, 15, 30, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];
  const wanted = Math.max(1e-9, maxAbs) / 7;
  const h = steps.find((s) => s >= wanted) ?? Math.ceil(wanted / 3600) * 3600;
  return { colours: DIVERGING_COLOURS, edges: [-7, -5, -3, -1, 1, 3, 5, 7].map((m) => m * h), format };
}

export interface MapSpec {
  title: string;
  desc: string;
  areas: MapArea[];
  projection: Projection;
  values: Map<string, number | null>;
  /** Text shown under each area's name (formatted value), by code. */
  valueLabels: Map<string, string>;
  scale: ClassedScale;
  focus: Set<string>;
  noDataLabel: string;
  attribution: string[];
  /** Words under the low and high ends of the legend (e.g. "faster", "slower"). */
  lowLabel?: string;
  highLabel?: string;
  /** Label every class edge (default: every other one when there are more than five classes). */
  allEdges?: boolean;
}

/** A choropleth: filled areas, names and values, a classed legend and the attribution. */
export function mapSvg(spec: MapSpec): string {
  const { projection } = spec;
  const width = Math.max(projection.width, 300);
  const legendTop = projection.height + 6;
  const height = legendTop + 66;
  const titleId = nextId("map-title");
  const descId = nextId("map-desc");
  const clipId = nextId("map-clip");
  const parts: string[] = [
    `<svg class="map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeXml(spec.title)}</title>`,
    `<desc id="${descId}">${escapeXml(spec.desc)}</desc>`,
    `<clipPath id="${clipId}"><rect x="0" y="0" width="${projection.width}" height="${projection.height}"/></clipPath>`,
    `<g clip-path="url(#${clipId})">`,
  ];
  // Context areas first, focus areas on top with a darker outline.
  const ordered = [...spec.areas.filter((a) => !spec.focus.has(a.code)), ...spec.areas.filter((a) => spec.focus.has(a.code))];
  for (const area of ordered) {
    const path = areaPath(area, projection);
    if (!path) continue;
    const isFocus = spec.focus.has(area.code);
    const fill = colourOf(spec.scale, spec.values.get(area.code) ?? null);
    // An area drawn as many small cells (e.g. zones) is stroked in its own colour so the cells merge instead of showing a grid.
    const cells = area.polygons.length > 50;
    const stroke = cells ? `stroke="${fill}" stroke-width="0.8"` : `stroke="${isFocus ? INK : "#8a8a8a"}" stroke-width="${isFocus ? 1 : 0.5}"`;
    parts.push(
      `<path d="${path}" fill="${fill}" fill-rule="${cells ? "nonzero" : "evenodd"}" ${stroke}><title>${escapeXml(`${area.name} (${area.code}): ${spec.valueLabels.get(area.code) ?? spec.noDataLabel}`)}</title></path>`,
    );
  }
  // Labels of the focus areas (all areas without focus), moved greedily off each other.
  const placed: Array<{ x0: number; x1: number; y0: number; y1: number }> = [];
  for (const area of ordered) {
    if (!spec.focus.has(area.code) && spec.focus.size > 0) continue;
    const p = labelPoint(area, projection);
    if (!p || p[0] < 0 || p[1] < 0 || p[0] > projection.width || p[1] > projection.height) continue;
    const value = spec.valueLabels.get(area.code) ?? spec.noDataLabel;
    const halfWidth = (Math.max(area.name.length, value.length) * 5.8) / 2;
    const [x, y] = p;
    let dy = 0;
    for (const candidate of [0, 24, -24, 48, -48, 72, -72]) {
      const box = { x0: x - halfWidth, x1: x + halfWidth, y0: y + candidate - 10, y1: y + candidate + 13 };
      if (!placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) {
        dy = candidate;
        break;
      }
    }
    placed.push({ x0: x - halfWidth, x1: x + halfWidth, y0: y + dy - 10, y1: y + dy + 13 });
    if (dy !== 0) parts.push(`<line x1="${r1(x)}" y1="${r1(y)}" x2="${r1(x)}" y2="${r1(y + dy + (dy > 0 ? -10 : 13))}" stroke="${INK}" stroke-width="0.7"/>`);
    parts.push(
      `<text x="${r1(x)}" y="${r1(y + dy)}" text-anchor="middle" class="map-label">${escapeXml(area.name)}<tspan x="${r1(x)}" dy="11">${escapeXml(value)}</tspan></text>`,
    );
  }
  parts.push("</g>");
  // Legend: classes with their edges, then "no data".
  const n = spec.scale.colours.length;
  const box = Math.min(36, (width - 90) / n);
  const lx = 18;
  spec.scale.colours.forEach((colour, i) => {
    parts.push(`<rect x="${r1(lx + i * box)}" y="${legendTop}" width="${r1(box)}" height="10" fill="${colour}" stroke="${MUTED}" stroke-width="0.4"/>`);
  });
  spec.scale.edges.forEach((edge, i) => {
    if (!spec.allEdges && n > 5 && i % 2 === 1 && i !== n) return;
    parts.push(`<text x="${r1(lx + i * box)}" y="${legendTop + 22}" text-anchor="middle" class="tick">${escapeXml(spec.scale.format(edge))}</text>`);
  });
  if (spec.lowLabel) parts.push(`<text x="${lx}" y="${legendTop + 34}" class="tick">← ${escapeXml(spec.lowLabel)}</text>`);
  if (spec.highLabel) parts.push(`<text x="${r1(lx + n * box)}" y="${legendTop + 34}" text-anchor="end" class="tick">${escapeXml(spec.highLabel)} →</text>`);
  const nx = lx + n * box + 16;
  parts.push(
    `<rect x="${r1(nx)}" y="${legendTop}" width="10" height="10" fill="${NO_DATA_COLOUR}" stroke="${MUTED}" stroke-width="0.4"/>`,
    `<text x="${r1(nx + 14)}" y="${legendTop + 9}" class="tick">${escapeXml(spec.noDataLabel)}</text>`,
    `<text x="8" y="${height - 6}" class="attribution">${escapeXml(spec.attribution.join(" · "))}</text>`,
    "</svg>",
  );
  return parts.join("");
}
