import { describe, expect, it } from "vitest";
import type { ScenarioIndex } from "@akutt/engine";
import { computeReplicationKpis, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildComparison } from "./build.js";
import { LANGUAGES } from "./i18n.js";
import { renderComparisonHtml } from "./render-html.js";
import { renderComparisonMarkdown, renderComparisonTerminal } from "./render-text.js";
import { mechanismStepTables, renderMechanismStepsMarkdown } from "./mechanism-steps.js";
import type { BoundaryCollection } from "./svg.js";
import { fitProjection, areaPath, matchBoundaries, niceTicks } from "./svg.js";
import type { ComparisonReport } from "./types.js";

const calendar = fakeCalendar();
const index = scenarioIndex();

function kpis(shiftSec: number, idx: ScenarioIndex = index): ReplicationKpis[] {
  return Array.from({ length: 4 }, (_, r) => {
    const rows: IncidentRow[] = [];
    for (let i = 0; i < 30; i++) {
      const area = i % 2;
      rows.push({ area, urgency: i % 3, ringSec: 100 * i, responseSec: 300 + ((i * 37 + r * 11) % 700) + shiftSec * (area === 0 ? 1 : -0.5) + r, vehicle: i % 5 === 0 ? 1 - area : area, crossBorder: i % 5 === 0 });
    }
    return computeReplicationKpis(replicationResult(rows, { replication: r, seed: 7 + r }), idx, calendar);
  });
}

const square = (lon: number, lat: number, size: number) => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

const boundaries: BoundaryCollection = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { kommunenummer: "3201", kommunenavn: "Bærum" }, geometry: { type: "Polygon", coordinates: [square(10.4, 59.85, 0.2)] } },
    {
      type: "Feature",
      properties: { kommunenummer: "3312", kommunenavn: "Lier" },
      geometry: { type: "MultiPolygon", coordinates: [[square(10.1, 59.75, 0.2)], [square(10.0, 59.7, 0.05), square(10.01, 59.71, 0.01)]] },
    },
    { type: "Feature", properties: { kommunenummer: "0301" }, geometry: { type: "Polygon", coordinates: [square(10.7, 59.9, 0.1)] } },
  ],
};

function report(extra: { costs?: boolean; relevantDifferenceShare?: number } = {}): ComparisonReport {
  return buildComparison({
    name: "Asker & Bærum <test>",
    description: "Who should run prehospital services?",
    seed: 7,
    travelModel: { name: "road network (N1000)", limitations: ["generalised roads", "no congestion"] },
    baseline: { id: "today", label: "Today", description: "OUS runs Asker and Bærum", index, kpis: kpis(0), stationsByOrganisation: { ous: 2, vv: 1 }, amkOrganisation: { "amk-oslo": "ous" } },
    alternatives: [
      { id: "alt2", label: "Alt. 2", description: "Vestre Viken takes over", index, kpis: kpis(90), stationsByOrganisation: { ous: 1, vv: 3 }, amkOrganisation: { "amk-oslo": "vv" } },
      { id: "alt3", label: "Alt. 3", index, kpis: kpis(-40) },
    ],
    focusAreas: ["3201", "3312"],
    relevantDifferenceSec: 60,
    ...(extra.relevantDifferenceShare !== undefined ? { relevantDifferenceShare: extra.relevantDifferenceShare } : {}),
    ...(extra.costs ? { costs: { currency: "NOK", ambulanceHour: 1500, stationYear: 2_000_000, amkOperatorHour: 900, source: "Helse Sør-Øst (see https://www.helse-sorost.no)" } } : {}),
    catchments: [
      { organisationId: "vv", variantId: "today", areaCodes: ["3312"], population: 100_000, areaKm2: 300 },
      { organisationId: "vv", variantId: "alt2", areaCodes: ["3312", "3201"], population: 185_000, areaKm2: 500 },
    ],
  });
}

describe("comparison renderers", () => {
  it("terminal: a compact side-by-side table with Δ ± half-width", () => {
    const text = renderComparisonTerminal(report({ costs: true }));
    expect(text).toContain("Akutt comparison: Asker & Bærum <test>");
    expect(text).toMatch(/Red — Median \(min\); Δ vs Today ± 95 %/);
    expect(text).toContain("Bærum (3201)");
    expect(text).toMatch(/\+1\.5(±\d+\.\d)?/); // alt2 is 90 s slower in Bærum
    expect(text).toContain("Per health trust");
    expect(text).toContain("road network (N1000)");
    expect(text).toMatch(/Median: the widest interval has half-width/);
    // Lines stay readable in a wide terminal.
    for (const line of text.split("\n")) expect([...line].length).toBeLessThan(400);
  });

  it("markdown: every table, bokmål and English", () => {
    const en = renderComparisonMarkdown(report({ costs: true }));
    expect(en).toContain("## Response time per area and urgency");
    expect(en).toContain("## Cost indicators (NOK/year)");
    expect(en).toContain("## Catchments");
    expect(en).toContain("+85.0 %");
    const nb = renderComparisonMarkdown(report({ costs: true }), { language: "nb" });
    expect(nb).toContain("## Responstid per område og hastegrad");
    expect(nb).toContain("+85,0 %");
  });

  for (const language of LANGUAGES) {
    it(`html (${language}): self-contained, maps with paths, charts, semantic tables`, () => {
      const html = renderComparisonHtml(report({ costs: true }), { language, boundaries });
      expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
      expect(html).toContain(`<html lang="${language}">`);
      // No resource is loaded from anywhere: no scripts, links, images, imports or remote URLs in attributes.
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(\s*['"]?(https?:)?\/\//i);
      expect(html).not.toMatch(/(src|href|xlink:href)\s*=\s*["']?\s*https?:/i);
      // The only http text is the cost source, a plain-text citation.
      expect(html.match(/https?:\/\//g) ?? []).toEqual(["https://"]);
      // Maps: one per variant for medians, one per alternative for differences, with SVG paths for the features.
      expect((html.match(/<svg class="map"/g) ?? []).length).toBe(3 + 2);
      expect(html).toMatch(/<path d="M[\d.]+ [\d.]+L/);
      expect(html).toContain("© Kartverket");
      expect(html).not.toContain("0301"); // features that are not areas of the report are not drawn
      // Charts: red and yellow × median and share.
      expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(4);
      // Accessibility: titles and descriptions, captions, header cells with scope.
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      for (const svg of svgs) {
        expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+ [^"]+"/);
        expect(svg).toMatch(/<title id=/);
        expect(svg).toMatch(/<desc id=/);
      }
      expect(html).toMatch(/<caption id="table-1">/);
      expect(html).toContain('<th scope="col"');
      expect(html).toContain('<th scope="row">');
      expect(html).toContain("@media print");
      // Text is escaped.
      expect(html).toContain("Asker &amp; Bærum &lt;test&gt;");
      expect(html).not.toContain("<test>");
      // Ids are unique.
      const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      // Deterministic.
      expect(renderComparisonHtml(report({ costs: true }), { language, boundaries })).toBe(html);
    });
  }

  it("html: headings in the chosen language", () => {
    const nb = renderComparisonHtml(report(), { language: "nb", boundaries });
    const en = renderComparisonHtml(report(), { language: "en", boundaries });
    expect(nb).toContain("Hva som er sammenlignet");
    expect(nb).toContain("Reisetidsmodell");
    expect(nb).toContain("Endring i median responstid, rød");
    expect(en).toContain("What was compared");
    expect(en).toContain("Travel model");
    expect(en).not.toContain("Hva som er sammenlignet");
  });

  it("html: each chart's caption gives the grey band in the chart's own unit, and none where there is no band", () => {
    const captions = (html: string) => [...html.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => m[1]!);
    const en = captions(renderComparisonHtml(report(), { language: "en", boundaries })).filter((c) => c.includes("The dot is"));
    const medianCaptions = en.filter((c) => c.startsWith("Change in median"));
    const shareCaptions = en.filter((c) => c.includes("within 12 min"));
    expect(medianCaptions.length).toBeGreaterThan(0);
    expect(shareCaptions.length).toBeGreaterThan(0);
    for (const caption of medianCaptions) expect(caption).toContain("below 1 min");
    // No relevant share difference was set: the share charts have no band, so their captions name none.
    for (const caption of shareCaptions) expect(caption).not.toContain("grey band");
    const withShare = report({ relevantDifferenceShare: 0.02 });
    const nbShareCaptions = captions(renderComparisonHtml(withShare, { language: "nb", boundaries })).filter((c) => c.includes("Punktet er") && c.includes("innen 12 min"));
    expect(nbShareCaptions.length).toBeGreaterThan(0);
    for (const caption of nbShareCaptions) {
      expect(caption).toContain("under 2,0 p.p.");
      expect(caption).not.toContain("under 1 min");
    }
  });

  it("html without boundaries says the maps are left out", () => {
    const html = renderComparisonHtml(report(), { language: "en" });
    expect(html).toContain("No boundaries were given");
    expect(html).not.toContain('<svg class="map"');
  });
});

describe("svg helpers", () => {
  it("projects lon/lat equirectangularly at the mean latitude, north up", () => {
    const areas = matchBoundaries(boundaries, new Map([["3201", "Bærum"]]), ["kommunenummer"]);
    expect(areas).toHaveLength(1);
    const projection = fitProjection(areas, 320, 340, 0, 0)!;
    // A 0.2° × 0.2° square at ~59.95° N is cos(59.95°) ≈ 0.5 as wide as it is tall.
    expect(projection.width / projection.height).toBeCloseTo(Math.cos((59.95 * Math.PI) / 180), 1);
    const [x0, y0] = projection.project(10.4, 59.85);
    const [x1, y1] = projection.project(10.6, 60.05);
    expect(x1).toBeGreaterThan(x0);
    expect(y1).toBeLessThan(y0);
    expect(areaPath(areas[0]!, projection)).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3,}Z$/);
  });

  it("nice ticks cover the range with round steps", () => {
    expect(niceTicks(-1.3, 2.2)).toEqual([-1, 0, 1, 2]);
    expect(niceTicks(-1.3, 2.2, 8)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe("colour scales", () => {
  it("diverging: a neutral class around 0, round odd-multiple edges, symmetric", async () => {
    const { divergingScale, colourOf, DIVERGING_COLOURS, NO_DATA_COLOUR } = await import("./svg.js");
    const scale = divergingScale(120, String);
    expect(scale.edges).toEqual([-210, -150, -90, -30, 30, 90, 150, 210]);
    expect(colourOf(scale, 0)).toBe(DIVERGING_COLOURS[3]);
    expect(colourOf(scale, 29)).toBe(DIVERGING_COLOURS[3]);
    expect(colourOf(scale, -31)).toBe(DIVERGING_COLOURS[2]);
    expect(colourOf(scale, 120)).toBe(DIVERGING_COLOURS[5]);
    expect(colourOf(scale, 1e6)).toBe(DIVERGING_COLOURS[6]);
    expect(colourOf(scale, -1e6)).toBe(DIVERGING_COLOURS[0]);
    expect(colourOf(scale, null)).toBe(NO_DATA_COLOUR);
  });
});

describe("number formatting", () => {
  it("groups thousands from five digits, uses a true minus and the language's decimal sign", async () => {
    const { formatNumber, formatInteger, formatSigned } = await import("./tables.js");
    const { dictionary } = await import("./i18n.js");
    expect(formatNumber(123019.4, 1, dictionary("nb"))).toBe("123\u202f019,4");
    expect(formatNumber(4469.5, 1, dictionary("en"))).toBe("4469.5");
    expect(formatNumber(-0.04, 1, dictionary("en"))).toBe("0.0");
    expect(formatSigned(-1.25, 1, dictionary("nb"))).toBe("−1,3");
    expect(formatSigned(0.5, 1, dictionary("en"))).toBe("+0.5");
    expect(formatInteger(1245)).toBe("1245");
    expect(formatInteger(-179045727)).toBe("−179\u202f045\u202f727");
  });
});

describe("mechanism steps", () => {
  const steps = [
    { added: null, report: report() },
    { added: { id: "multi-unit", label: { nb: "flere ambulanser", en: "several ambulances" } }, report: report({ relevantDifferenceShare: 0.02 }) },
  ];

  it("a row per step: today's red figures per focus area, then each alternative's paired differences", () => {
    const tables = mechanismStepTables(steps, "en");
    expect(tables.map((table) => table.title)).toEqual([
      expect.stringContaining("Today: red response per step"),
      expect.stringContaining("Alt. 2 against today"),
      expect.stringContaining("Alt. 3 against today"),
    ]);
    const [today, alt2] = tables;
    expect(today!.rows.map((row) => row[0])).toEqual(["None of the mechanisms", "+ several ambulances"]);
    // Two focus areas, median and share each.
    expect(today!.headers).toHaveLength(1 + 2 * 2);
    const bærum = steps[0]!.report.areas.find((row) => row.areaCode === "3201" && row.urgency === "red")!;
    const expected = bærum.differences.find((x) => x.variantId === "alt2")!.differences.responseMedianSec.mean! / 60;
    expect(alt2!.rows[0]![1]).toMatch(new RegExp(`^${expected >= 0 ? "\\+" : "−"}${Math.abs(expected).toFixed(1)}`));
  });

  it("Markdown in bokmål names the steps in bokmål", () => {
    const markdown = renderMechanismStepsMarkdown(steps, "nb");
    expect(markdown).toContain("# Hva hver mekanisme gjorde");
    expect(markdown).toContain("| Uten noen av mekanismene |");
    expect(markdown).toContain("| + flere ambulanser |");
  });
});

describe("the optimisation section's fleet MIP per alternative", () => {
  const est = (mean: number, half: number) => ({ mean, ciLow: mean - half, ciHigh: mean + half, n: 5 });
  const diff = (mean: number, half: number) => ({ ...est(mean, half), halfWidth: half, excludesZero: Math.abs(mean) > half, tighterThanRelevant: null });
  const area = (areaCode: string, areaName: string, share: number, median: number) => ({
    areaCode,
    areaName,
    shareWithinTarget: est(0.9 + share, 0.01),
    responseMedianSec: est(500 + median, 10),
    vsReference: { shareWithinTarget: diff(share, 0.01), responseMedianSec: diff(median, 10) },
  });
  function withFleet(): ComparisonReport {
    const base = report();
    const station = (stationId: string, rostered: number, plan: number, fewest: number, most: number) => ({ stationId, owner: "ous", rosteredHoursPerWeek: rostered, planHoursPerWeek: plan, fewest, most, shifts: plan === 0 ? [] : [{ shiftId: "d12", startHour: 7, lengthH: 12, crewsPerWeek: plan / 24 }, { shiftId: "d12", startHour: 19, lengthH: 12, crewsPerWeek: plan / 24 }] });
    const figures = (areas: ReturnType<typeof area>[], share: number) => ({ shareWithinTarget: est(0.9 + share, 0.01), responseMedianSec: est(500, 10), vsToday: { shareWithinTarget: diff(share, 0.01), responseMedianSec: diff(0, 10), verdict: "not distinguishable" as const }, areas });
    const iteration = (n: number, planHoursPerWeek: number, busyFraction: { lowest: number; highest: number }, raisedAreas: Array<{ areaCode: string; closed: number }>, status = "optimal", solveSec = 2.4) => ({
      iteration: n,
      status,
      solveSec,
      planHoursPerWeek,
      busyFraction,
      raisedAreas,
      repeatOf: null as number | null,
      measuredBusyFraction: null as { lowest: number; highest: number } | null,
      simulated: null as ReturnType<typeof figures> | null,
      keeps: null as boolean | null,
    });
    return {
      ...base,
      optimisation: {
        seed: 7,
        siting: [],
        standby: [],
        standbyComparison: { policy: "dynamic-mexclp", replications: 5, levels: { overall: 0.95, areas: 0.99 }, variants: [] },
        fleet: {
          todayHoursPerWeek: 3504,
          busyFractionToday: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 0.35 : 0.2)),
          areaStep: 0.25,
          maxBusyFraction: 0.95,
          maxIterations: 4,
          coverageLevels: 6,
          maxVehiclesPerSite: 8,
          mipRelativeGap: 0.005,
          timeLimitSec: 30,
          shifts: [{ id: "d12", lengthH: 12, startHours: [7, 19] }],
          replications: 5,
          levels: { overall: 0.95, areas: 0.975 },
          variants: [
            // The first plan loses 2 points overall; the second, with the busier q it measured and Bærum's raised, keeps today's level (Bærum's share really better).
            {
              variantId: "alt2",
              rosteredHoursPerWeek: 3840,
              iterations: [
                { ...iteration(1, 3360, { lowest: 0.2, highest: 0.35 }, []), measuredBusyFraction: { lowest: 0.4, highest: 0.55 }, simulated: figures([area("3201", "Bærum", -0.04, 30), area("3312", "Lier", 0, 0)], -0.02), keeps: false },
                { ...iteration(2, 3504, { lowest: 0.4, highest: 0.55 }, [{ areaCode: "3201", closed: 0.25 }]), measuredBusyFraction: { lowest: 0.38, highest: 0.5 }, simulated: figures([area("3201", "Bærum", 0.03, -20), area("3312", "Lier", 0, 0)], 0.01), keeps: true },
              ],
              confirmedIteration: 2,
              shownIteration: 2,
              stop: "confirmed",
              stations: [station("st-baerum", 672, 504, 2, 4), station("st-asker", 420, 0, 0, 0)],
              lowered: [],
            },
            // Lier's share is really worse, and the next plan is the same: not confirmed.
            {
              variantId: "alt3",
              rosteredHoursPerWeek: 3672,
              iterations: [
                { ...iteration(1, 3696, { lowest: 0.2, highest: 0.35 }, [], "time-limit", 30.1), measuredBusyFraction: { lowest: 0.2, highest: 0.3 }, simulated: figures([area("3201", "Bærum", 0, 0), area("3312", "Lier", -0.05, 30)], -0.02), keeps: false },
                { ...iteration(2, 3696, { lowest: 0.2, highest: 0.35 }, [{ areaCode: "3312", closed: 0.25 }]), repeatOf: 1 },
              ],
              confirmedIteration: null,
              shownIteration: 1,
              stop: "repeated",
              stations: [station("st-baerum", 672, 696, 2, 5)],
              lowered: [{ areaCode: "3312", largestCut: 0.0123, hours: 12 }],
            },
          ],
        },
      },
    };
  }

  it("shows the hours each alternative needs (the confirmed plan with the fewest hours), every plan of the iteration, the plan by station, and the shown plan simulated, in English and bokmål", () => {
    const en = renderComparisonMarkdown(withFleet());
    expect(en).toContain("## Optimisation: the fleet each alternative needs to keep every area at today's level (fleet MIP)");
    expect(en).toMatch(/\| Alt\. 2 \| 3840 \| 3504 \| −336 \| yes, plan 2 of 2 \| – \|/);
    expect(en).toMatch(/\| Alt\. 3 \| 3672 \| \(3696\) \| \+24 \| not confirmed after 2 plans \(the plan repeated\); closest to today: plan 1 \| 3312: up to 1\.23 p\.p\. in 12 h \|/);
    expect(en).toContain("with today's roster (3504 ambulance-hours a week) and the busy fraction q measured in today's simulation (0.20–0.35 by hour of the day)");
    expect(en).toContain("close a further 25 % of their gap to what the stations can reach; after the first confirmed plan");
    expect(en).toContain("12 h from 07:00, 19:00");
    expect(en).toContain("## Optimisation: the fleet MIP iterated with the simulation, plan by plan");
    expect(en).toMatch(/\| Alt\. 2 \| 1 \| 0\.20–0\.35 \| – \| 3360 \| optimal, 2\.4 s \| −2\.0 \[−3\.0; −1\.0\]\* \| [^|]+ \| 0\.40–0\.55 \| no \|/);
    expect(en).toMatch(/\|\s*\| 2 \| 0\.40–0\.55 \| 3201 25 % \| 3504 \| optimal, 2\.4 s \| \+1\.0 \[0\.0; \+2\.0\] \| [^|]+ \| 0\.38–0\.50 \| yes \|/);
    expect(en).toMatch(/\|\s*\| 2 \| 0\.20–0\.35 \| 3312 25 % \| 3696 \| optimal, 2\.4 s \| same as plan 1 \| – \| – \| – \|/);
    expect(en).toMatch(/\| Alt\. 2, plan 2 \(confirmed\) \| st-baerum \| ous \| 672 \| 504 \| −168 \| d12 07:00 × 21, d12 19:00 × 21 \| 2–4 \|/);
    expect(en).toMatch(/\|\s*\| st-asker \| ous \| 420 \| 0 \| −420 \| – \| 0–0 \|/);
    expect(en).toContain("## Optimisation: the fleet MIP's plans simulated against today");
    expect(en).toMatch(/\| Alt\. 2, plan 2 \(confirmed\) \| All areas \|[^\n]*\| yes \|/);
    // Bærum with alt. 2's plan: 93 % within target, median 500 − 20 s = 8.0 min, 0.3 min faster than today (really).
    expect(en).toMatch(/\|\s*\| Bærum \(3201\) \| 93\.0 % \[92\.0; 94\.0\] \| 8\.0 \[[^\]]*\] \| \+3\.0 \[\+2\.0; \+4\.0\]\* \| −0\.3 \[[^\]]*\]\* \| yes \|/);
    expect(en).toMatch(/\| Alt\. 3, plan 1 \(closest, not confirmed\) \| All areas \|[^\n]*\| no \|/);
    expect(en).toMatch(/\|\s*\| Lier \(3312\) \|[^\n]*−5\.0 \[[^\n]*\]\*[^\n]*\| no \|/);
    const nb = renderComparisonMarkdown(withFleet(), { language: "nb" });
    expect(nb).toContain("## Optimering: bilparken hvert alternativ trenger for å holde alle områder på dagens nivå (flåte-MIP)");
    expect(nb).toMatch(/\| Alt\. 3 \| 3672 \| \(3696\) \| \+24 \| ikke bekreftet etter 2 planer \(planen gjentok seg\); nærmest dagens nivå: plan 1 \| 3312: inntil 1,23 p\.p\. i 12 t \|/);
    expect(nb).toMatch(/\| Alt\. 2 \| 1 \| 0,20–0,35 \| – \| 3360 \| optimal, 2,4 s \|/);
    expect(nb).toContain("Holder dagens nivå");
    for (const language of LANGUAGES) {
      const html = renderComparisonHtml(withFleet(), { language });
      expect(html).toContain(language === "nb" ? "Optimering: flåte-MIP-en iterert med simuleringen, plan for plan" : "Optimisation: the fleet MIP iterated with the simulation, plan by plan");
    }
    // Without the fleet part the section has no fleet tables.
    expect(renderComparisonMarkdown({ ...withFleet(), optimisation: { ...withFleet().optimisation!, fleet: undefined } })).not.toContain("fleet MIP");
  });
});
