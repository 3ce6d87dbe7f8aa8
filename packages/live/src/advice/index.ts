export { adviceContext, COVERAGE_THRESHOLD_SEC, type AdviceContext } from "./context.js";
export { CoverageModel, coverageNow, type AreaCoverage, type CoverageFigures } from "./coverage.js";
export { forecastNext, FORECAST_LIMITS, FORECAST_LIMITATIONS, type AreaForecast, type Estimate, type Forecast, type ForecastOptions } from "./forecast.js";
export { moveUpAdvice, type MoveAdvice, type MoveUpAdvice } from "./move-up.js";
export { PictureError, pictureSnapshot, type AdviceIncident, type AdvicePicture, type AdviceUnit, type AdviceUnitStatus, type PictureSnapshot } from "./picture.js";
export { recommendUnits, type RankedUnit, type Recommendation } from "./recommend.js";
