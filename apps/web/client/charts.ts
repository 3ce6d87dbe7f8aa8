/** Small SVG charts: no library needed for a histogram and a line with a band. */
const NS = "http://www.w3.org/2000/svg";

function svg(width: number, height: number, title: string): SVGSVGElement {
  const element = document.createElementNS(NS, "svg");
  element.setAttribute("viewBox", `0 0 ${width} ${height}`);
  element.setAttribute("class", "chart");
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", title);
  const titleElement = document.createElementNS(NS, "title");
  titleElement.textContent = title;
  element.append(titleElement);
  return element;
}
function add(parent: Element, tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  parent.append(element);
  return element;
}

export interface Series {
  label: string;
  colour: string;
  values: number[];
}

/** Bars per minute for up to three series side by side (histogram of response times). */
export function histogram(title: string, series: Series[], xLabel: string, maxBin = 45): SVGSVGElement {
  const W = 420, H = 190, L = 34, B = 28, T = 18;
  const chart = svg(W, H, title);
  const bins = maxBin + 1;
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values.slice(0, bins)));
  const bw = (W - L - 6) / bins;
  series.forEach((s, k) => {
    s.values.slice(0, bins).forEach((value, i) => {
      const h = (value / max) * (H - B - T);
      add(chart, "rect", { x: L + i * bw + (k * bw) / series.length, y: H - B - h, width: bw / series.length, height: h, fill: s.colour });
    });
    add(chart, "rect", { x: L + 8 + k * 90, y: 4, width: 9, height: 9, fill: s.colour });
    add(chart, "text", { x: L + 20 + k * 90, y: 12 }, s.label);
  });
  add(chart, "line", { x1: L, y1: H - B, x2: W - 4, y2: H - B, stroke: "#333" });
  for (let m = 0; m <= maxBin; m += 5) add(chart, "text", { x: L + m * bw, y: H - B + 12, "text-anchor": "middle" }, String(m));
  add(chart, "text", { x: (W + L) / 2, y: H - 3, "text-anchor": "middle" }, xLabel);
  add(chart, "text", { x: 2, y: T + 4 }, max.toFixed(1));
  return chart;
}

/** A line over 24 hours with a shaded confidence band. */
export function hourly(title: string, points: Array<{ hour: number; mean: number | null; low: number | null; high: number | null }>, xLabel: string, yLabel: string): SVGSVGElement {
  const W = 420, H = 190, L = 34, B = 28, T = 10;
  const chart = svg(W, H, title);
  const values = points.flatMap((p) => [p.mean, p.low, p.high]).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values) * 1.05;
  const x = (hour: number) => L + (hour / 23) * (W - L - 8);
  const y = (value: number) => H - B - (value / max) * (H - B - T);
  const band = points.filter((p) => p.low !== null && p.high !== null);
  if (band.length > 1) {
    const upper = band.map((p) => `${x(p.hour)},${y(p.high!)}`);
    const lower = band.map((p) => `${x(p.hour)},${y(p.low!)}`).reverse();
    add(chart, "polygon", { points: [...upper, ...lower].join(" "), fill: "#d3212c", "fill-opacity": 0.18 });
  }
  const line = points.filter((p) => p.mean !== null).map((p) => `${x(p.hour)},${y(p.mean!)}`);
  add(chart, "polyline", { points: line.join(" "), fill: "none", stroke: "#a4000f", "stroke-width": 2 });
  add(chart, "line", { x1: L, y1: H - B, x2: W - 4, y2: H - B, stroke: "#333" });
  add(chart, "line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#333" });
  for (let h = 0; h < 24; h += 3) add(chart, "text", { x: x(h), y: H - B + 12, "text-anchor": "middle" }, String(h));
  for (let v = 0; v <= max; v += max > 30 ? 10 : 5) add(chart, "text", { x: L - 4, y: y(v) + 3, "text-anchor": "end" }, String(v));
  add(chart, "text", { x: (W + L) / 2, y: H - 3, "text-anchor": "middle" }, xLabel);
  add(chart, "text", { x: 4, y: T - 1 }, yLabel);
  return chart;
}
