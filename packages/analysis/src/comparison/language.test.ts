import { describe, expect, it } from "vitest";
import { computeReplicationKpis, type ReplicationKpis } from "../kpi/replication-kpis.js";
import { fakeCalendar, replicationResult, scenarioIndex, type IncidentRow } from "../testing/fixtures.js";
import { buildComparison } from "./build.js";
import { renderComparisonHtml } from "./render-html.js";
import { renderComparisonMarkdown } from "./render-text.js";
import type { ComparisonReport } from "./types.js";

/**
 * "The bokmål export without English passages, and the English one without bokmål prose": every
 * author-written and generated text given in both languages must appear in the report's own
 * language only. Heuristic: a text line with two or more function words of the other language is
 * prose in that language. ("for", "to" and "by" are Norwegian words too, so the bokmål check leaves
 * them out; "for" is English too, so the English check leaves it out.)
 */
const ENGLISH = new Set(["the", "and", "of", "with", "from", "is", "are"]);
const NORWEGIAN = new Set(["og", "av", "med", "fra", "er", "til", "ikke", "som", "på", "ved", "bare", "eller"]);

/** The visible text of an HTML page, one line per block element, without SVG, styles and ids. */
export function textLines(html: string): string[] {
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<(li|p|dd|dt|h\d|tr|td|th|div|caption|title)\b[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;|&#39;/g, "'");
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

/** Lines with two or more of the given function words, after taking out place names. */
export function foreignLines(lines: string[], words: ReadonlySet<string>, placeNames: string[] = []): string[] {
  return lines.filter((line) => {
    let rest = line;
    for (const name of placeNames) rest = rest.split(name).join(" ");
    const hits = (rest.toLowerCase().match(/[a-zæøå]+/g) ?? []).filter((word) => words.has(word));
    return hits.length >= 2;
  });
}

const calendar = fakeCalendar();
const index = scenarioIndex();

function kpis(shiftSec: number): ReplicationKpis[] {
  return Array.from({ length: 3 }, (_, r) => {
    const rows: IncidentRow[] = [];
    for (let i = 0; i < 24; i++) {
      const area = i % 2;
      rows.push({ area, urgency: i % 3, ringSec: 100 * i, responseSec: 300 + ((i * 37 + r * 11) % 700) + shiftSec * (area === 0 ? 1 : -0.5), vehicle: i % 5 === 0 ? 1 - area : area, crossBorder: i % 5 === 0 });
    }
    return computeReplicationKpis(replicationResult(rows, { replication: r, seed: 3 + r }), index, calendar);
  });
}

/** A small comparison with every free text in both languages, as `akutt compare` builds it from comparison.yaml. */
function bilingualReport(): ComparisonReport {
  return buildComparison({
    name: "Asker og Bærum",
    description: "Who should run prehospital services for Asker and Bærum? Today's system against the alternatives of the consultation letter.",
    descriptionNb: "Hvem bør ha ansvaret for de prehospitale tjenestene i Asker og Bærum? Dagens organisering sammenlignet med alternativene i høringsbrevet.",
    seed: 3,
    travelModel: {
      name: "n1000",
      limitations: ["Road lines are generalised (±500 m); lengths are shorter than the real roads, so times are optimistic on winding roads.", "Blue-light driving: 1.2× road speeds (ferries excepted)."],
      limitationsNb: ["Veglinjene er generaliserte (±500 m); lengdene er kortere enn de virkelige vegene, så kjøretidene blir optimistiske på svingete veger.", "Utrykningskjøring: 1,2 × vegfarten (unntatt ferger)."],
    },
    populationSources: [
      { areaCode: "3201", source: "Bærum (3201): 133,228 persons 2026; SSB 250 m population grid, Helse Sør-Øst, 1 Jan 2015, scaled to the municipality total", sourceNb: "Bærum (3201): 133 228 innbyggere 2026; SSBs befolkningsrutenett 250 m, Helse Sør-Øst, 1. januar 2015, skalert til kommunens folketall" },
    ],
    baseline: { id: "today", label: "I dag", description: "OUS runs Asker and Bærum, with a standby point at Bekkestua.", descriptionNb: "OUS har ansvaret for Asker og Bærum, med beredskapspunkt på Bekkestua.", index, kpis: kpis(0), stationsByOrganisation: { ous: 2, vv: 1 }, amkOrganisation: { "amk-oslo": "ous" } },
    alternatives: [
      { id: "alt2", label: "Alt. 2", description: "Vestre Viken takes Asker and Bærum with a new station and two more ambulances.", descriptionNb: "Vestre Viken overtar Asker og Bærum med en ny ambulansestasjon og to ambulanser til.", index, kpis: kpis(90), stationsByOrganisation: { ous: 1, vv: 3 }, amkOrganisation: { "amk-oslo": "vv" } },
    ],
    focusAreas: ["3201", "3312"],
    costs: { currency: "NOK", ambulanceHour: 1250, stationYear: 1_500_000, amkOperatorHour: 600, source: "ASSUMPTION: no public unit costs found; reasoning in comparison.yaml and the README", sourceNb: "ANTAKELSE: ingen offentlige enhetskostnader funnet; begrunnelsen står i comparison.yaml og README" },
    catchments: [
      { organisationId: "vv", variantId: "today", areaCodes: ["3312"], population: 100_000, areaKm2: 300 },
      { organisationId: "vv", variantId: "alt2", areaCodes: ["3312", "3201"], population: 185_000, areaKm2: 500 },
    ],
    catchmentNote: "Population 1 January 2026 (SSB); area from the 2024 boundary polygons (© Kartverket).",
    catchmentNoteNb: "Folketall 1. januar 2026 (SSB); areal fra grensepolygonene for 2024 (© Kartverket).",
    sensitivity: [
      { group: "stationSite", settingLabel: "Lysaker (E18 at the Lysaker river; the default in alt-2.yaml)", settingLabelNb: "Lysaker (E18 ved Lysakerelva; standardplasseringen i alt-2.yaml)", variantId: "alt2", baselineIndex: index, baselineKpis: kpis(0), variantIndex: index, variantKpis: kpis(60) },
      { group: "demandGrowth", settingLabel: "3.0 %/year to 2035 (×1.305)", settingLabelNb: "3,0 %/år til 2035 (×1,305)", settingValue: 0.03, variantId: "alt2", baselineIndex: index, baselineKpis: kpis(0), variantIndex: index, variantKpis: kpis(90) },
    ],
    projections: {
      baseYear: 2026,
      growth: [{ id: "population", label: "Low: population growth only (SSB)", labelNb: "Lav: bare befolkningsvekst (SSB)", perHeadGrowthPerYear: 0 }],
      notes: ["Age structure held at 2026's: no projection by age is available, so each area's age weight is the same in every year."],
      notesNb: ["Alderssammensetningen holdes som i 2026: det finnes ingen framskriving etter alder, så hvert områdes aldersvekt er den samme hvert år."],
      runs: [2026, 2035].map((year, i) => ({ year, growthId: "population", variants: [{ variantId: "today", index, kpis: kpis(60 * i) }, { variantId: "alt2", index, kpis: kpis(90 + 60 * i) }] })),
    },
  });
}

// Proper names that contain function words ("Asker og Bærum" is the comparison's name in both languages).
const PLACES = ["Asker og Bærum", "Helse Sør-Øst", "Oslo universitetssykehus"];

describe("each language's report has no passages in the other language", () => {
  const report = bilingualReport();

  it("bokmål HTML and Markdown: no English prose", () => {
    const html = renderComparisonHtml(report, { language: "nb" });
    expect(html).toContain("Hvem bør ha ansvaret");
    expect(html).toContain("Veglinjene er generaliserte");
    expect(html).toContain("133 228 innbyggere");
    expect(html).toContain("ANTAKELSE: ingen offentlige enhetskostnader");
    expect(html).toContain("Folketall 1. januar 2026");
    expect(html).toContain("standardplasseringen i alt-2.yaml");
    expect(html).toContain("Alderssammensetningen holdes som i 2026");
    expect(html).toContain("Lav: bare befolkningsvekst (SSB)");
    expect(foreignLines(textLines(html), ENGLISH, PLACES)).toEqual([]);
    const markdown = renderComparisonMarkdown(report, { language: "nb" });
    expect(foreignLines(markdown.split("\n"), ENGLISH, PLACES)).toEqual([]);
  });

  it("English HTML and Markdown: no bokmål prose", () => {
    const html = renderComparisonHtml(report, { language: "en" });
    expect(html).toContain("Who should run prehospital services");
    expect(html).toContain("Road lines are generalised");
    expect(html).toContain("the default in alt-2.yaml");
    expect(html).toContain("Age structure held at 2026");
    expect(foreignLines(textLines(html), NORWEGIAN, PLACES)).toEqual([]);
    const markdown = renderComparisonMarkdown(report, { language: "en" });
    expect(foreignLines(markdown.split("\n"), NORWEGIAN, PLACES)).toEqual([]);
  });

  it("report.json keeps the English fields and adds the bokmål ones", () => {
    expect(report.comparison.description).toMatch(/^Who should run/);
    expect(report.comparison.descriptionNb).toMatch(/^Hvem bør/);
    expect(report.travelModel.limitations[0]).toMatch(/^Road lines/);
    expect(report.travelModel.limitationsNb?.[0]).toMatch(/^Veglinjene/);
    expect(report.variants[0]!.descriptionNb).toMatch(/^OUS har ansvaret/);
    expect(report.populationSources[0]!.sourceNb).toContain("innbyggere");
    expect(report.costs!.parameters.sourceNb).toMatch(/^ANTAKELSE/);
    expect(report.catchments!.noteNb).toMatch(/^Folketall/);
    expect(report.sensitivity.map((row) => row.settingLabelNb)).toEqual(["Lysaker (E18 ved Lysakerelva; standardplasseringen i alt-2.yaml)", "3,0 %/år til 2035 (×1,305)"]);
  });

  it("the heuristic finds a passage in the wrong language", () => {
    const untranslated = { ...report, comparison: { ...report.comparison, descriptionNb: undefined } } as ComparisonReport;
    expect(foreignLines(textLines(renderComparisonHtml(untranslated, { language: "nb" })), ENGLISH, PLACES)).toHaveLength(1);
    expect(foreignLines(["Vestre Viken overtar Asker og Bærum med en ny stasjon"], NORWEGIAN)).toHaveLength(1);
  });
});
