import type { Estimate, PairedEstimate } from "@akutt/analysis";
import type { PlanRanking, RankedPlan } from "./rank.js";

export type RankingLanguage = "nb" | "en";

const WORDS = {
  nb: {
    title: "Rangering av planer ved simulering",
    rank: "Rang",
    plan: "Plan",
    today: "I dag",
    share: "Røde innen mål",
    median: "Median responstid, rød",
    vsBest: "Mot beste (andel, p.p.)",
    vsToday: "Mot i dag (andel, p.p.)",
    verdict: "Forskjell mot i dag",
    better: "bedre",
    worse: "dårligere",
    same: "ikke påviselig",
    best: "beste",
    area: "Område",
    objective: { share: "andel røde oppdrag innen responstidsmålet, alle områder", median: "median responstid for røde oppdrag, alle områder", "worst-area": "andel røde innen mål i det dårligste området" },
    rankedBy: "Rangert etter",
    method: (r: PlanRanking) =>
      `${r.replications} replikasjoner per plan på de samme frøene (felles tilfeldige tall, frø ${r.seed}); ${pct(r.level, "nb")} konfidensintervall for hver plan. Forskjellene er parvise. Flere sammenligninger: Bonferroni — intervallene mot beste og mot i dag har hvert nivå ${pct(r.multipleComparisons.vsToday.level, "nb", 3)} (${r.multipleComparisons.vsToday.comparisons} sammenligninger), per område ${pct(r.multipleComparisons.areas.level, "nb", 3)} (${r.multipleComparisons.areas.comparisons}), slik at hver tabell samlet holder ${pct(r.level, "nb")}. En forskjell er reell når intervallet ikke inneholder 0.`,
    areasTitle: "Per område: andel røde innen mål og median, forskjell mot i dag",
  },
  en: {
    title: "Ranking of plans by simulation",
    rank: "Rank",
    plan: "Plan",
    today: "Today",
    share: "Red within target",
    median: "Red median response",
    vsBest: "vs best (share, p.p.)",
    vsToday: "vs today (share, p.p.)",
    verdict: "Difference vs today",
    better: "better",
    worse: "worse",
    same: "not distinguishable",
    best: "best",
    area: "Area",
    objective: { share: "share of red incidents within the response target, all areas", median: "median red response time, all areas", "worst-area": "red share within target in the worst area" },
    rankedBy: "Ranked by",
    method: (r: PlanRanking) =>
      `${r.replications} replications per plan on the same seeds (common random numbers, seed ${r.seed}); ${pct(r.level, "en")} confidence intervals for each plan. Differences are paired. Multiple comparisons: Bonferroni — the intervals against the best and against today are each at ${pct(r.multipleComparisons.vsToday.level, "en", 3)} (${r.multipleComparisons.vsToday.comparisons} comparisons), per area at ${pct(r.multipleComparisons.areas.level, "en", 3)} (${r.multipleComparisons.areas.comparisons}), so that each table holds ${pct(r.level, "en")} as a whole. A difference is real when its interval excludes 0.`,
    areasTitle: "By area: red share within target and median, difference vs today",
  },
} as const;

function number(value: number, decimals: number, language: RankingLanguage): string {
  const text = value.toFixed(decimals);
  return language === "nb" ? text.replace(".", ",").replace(/^-/, "−") : text.replace(/^-/, "−");
}

function pct(value: number, language: RankingLanguage, decimals = 0): string {
  return `${number(value * 100, decimals, language)} %`;
}

function range(low: number | null, high: number | null, scale: number, language: RankingLanguage): string {
  return low === null || high === null ? "" : ` [${number(low * scale, 1, language)}–${number(high * scale, 1, language)}]`;
}

function share(e: Estimate, language: RankingLanguage): string {
  return e.mean === null ? "–" : `${number(e.mean * 100, 1, language)} %${range(e.ciLow, e.ciHigh, 100, language)}`;
}

function minutes(e: Estimate, language: RankingLanguage): string {
  return e.mean === null ? "–" : `${number(e.mean / 60, 1, language)} min${range(e.ciLow, e.ciHigh, 1 / 60, language)}`;
}

function signed(p: PairedEstimate, scale: number, language: RankingLanguage): string {
  if (p.mean === null) return "–";
  const sign = p.mean > 0 ? "+" : "";
  return `${sign}${number(p.mean * scale, 1, language)}${range(p.ciLow, p.ciHigh, scale, language)}${p.excludesZero ? " *" : ""}`;
}

function label(plan: RankedPlan, ranking: PlanRanking, language: RankingLanguage): string {
  return plan.id === ranking.today ? WORDS[language].today : plan.label || plan.id;
}

function rows(ranking: PlanRanking, language: RankingLanguage): string[][] {
  const w = WORDS[language];
  const header = [w.rank, w.plan, w.share, w.median, w.vsBest, w.vsToday, w.verdict];
  const body = ranking.plans.map((plan) => [
    String(plan.rank),
    label(plan, ranking, language),
    share(plan.shareWithinTarget, language),
    minutes(plan.responseMedianSec, language),
    plan.vsBest ? signed(plan.vsBest.shareWithinTarget, 100, language) : w.best,
    plan.vsToday ? signed(plan.vsToday.shareWithinTarget, 100, language) : "–",
    plan.vsToday ? (plan.vsToday.verdict === "better" ? w.better : plan.vsToday.verdict === "worse" ? w.worse : w.same) : "–",
  ]);
  return [header, ...body];
}

function areaRows(ranking: PlanRanking, language: RankingLanguage): string[][] {
  const w = WORDS[language];
  const header = [w.plan, ...ranking.areas.map((area) => area.areaName)];
  const body = ranking.plans.map((plan) => [
    label(plan, ranking, language),
    ...plan.areas.map((area) => {
      const figures = `${share(area.shareWithinTarget, language)}, ${minutes(area.responseMedianSec, language)}`;
      return area.vsToday ? `${figures}; ${signed(area.vsToday.shareWithinTarget, 100, language)} p.p.` : figures;
    }),
  ]);
  return [header, ...body];
}

function aligned(table: string[][]): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => [...row[c]!].length)));
  return table.map((row) => row.map((cell, c) => cell + " ".repeat(widths[c]! - [...cell].length)).join("  ").trimEnd()).join("\n");
}

function markdownTable(table: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const [header, ...body] = table;
  return [`| ${header!.map(escape).join(" | ")} |`, `|${header!.map(() => "---").join("|")}|`, ...body.map((row) => `| ${row.map(escape).join(" | ")} |`)].join("\n");
}

/** The ranking as a terminal table; "*" marks a difference whose (Bonferroni-adjusted) interval excludes 0. */
export function renderRankingText(ranking: PlanRanking, language: RankingLanguage): string {
  const w = WORDS[language];
  return `${w.title}\n${w.rankedBy}: ${w.objective[ranking.objective]}\n\n${aligned(rows(ranking, language))}\n\n${w.method(ranking)}\n`;
}

export function renderRankingMarkdown(ranking: PlanRanking, language: RankingLanguage): string {
  const w = WORDS[language];
  return `# ${w.title}\n\n${w.rankedBy}: ${w.objective[ranking.objective]}.\n\n${markdownTable(rows(ranking, language))}\n\n${w.method(ranking)} (*)\n\n## ${w.areasTitle}\n\n${markdownTable(areaRows(ranking, language))}\n`;
}
