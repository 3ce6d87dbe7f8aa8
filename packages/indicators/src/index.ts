export * from "./definitions.js";
export { areaReference, areaReferenceFromScenario, kommuneOfArea, populationFiles, populationNames, readKommuneClasses, EMPTY_AREA_REFERENCE, KOMMUNE_CLASS_FILE, POPULATION_FILES, type AreaClass, type AreaReference, type ScenarioAreas } from "./areas.js";
export { computeIndicator, AMK_REACTION_MAX_SEC, CALL_TYPES_113, RESPONSE_UNIT_TYPE, TIME_ZONE, type IndicatorQuery, type IndicatorRow, type IndicatorTable } from "./queries.js";
export { renderText, renderCsv, renderHtml, trendSpec, formatValue, isSuppressed, SUPPRESSED, CSV_COLUMNS, MAX_TREND_SERIES, type HtmlOptions } from "./render.js";
export { trendChartSvg, type TrendChartSpec, type TrendSeries } from "./trend-chart.js";
export { openIndicatorSource, type IndicatorSource } from "./warehouse.js";
export { IndicatorInputError, type InputIssue } from "./errors.js";
export { parseIndicatorRequest, computeIndicators, type IndicatorRequest, type RawIndicatorRequest } from "./request.js";
