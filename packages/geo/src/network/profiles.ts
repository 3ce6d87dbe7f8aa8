/**
 * Named parameter sets ("profiles") of the network travel model: the N1000 build's urban caps and the access-link
 * rules. `travel.options.profile` picks one; any option given explicitly overrides it. The calibrated profile is the
 * default; the assumed one is kept by name so earlier results can be reproduced.
 */

export const N1000_PROFILE_NAMES = ["n1000-calibrated-osm-2019", "n1000-2026-assumed"] as const;
export type N1000ProfileName = (typeof N1000_PROFILE_NAMES)[number];
export const DEFAULT_N1000_PROFILE: N1000ProfileName = "n1000-calibrated-osm-2019";

/** How the model's times compared with the detailed OpenStreetMap network (ratio = this model ÷ OSM). */
export interface ProfileValidation {
  pairs: number;
  medianRatio: number;
  q25: number;
  q75: number;
  /** Share of pairs within ±20 %. */
  within20: number;
  /** Median ratio by distance band (0–1, 1–2, 2–5, 5–10 km). */
  medianByBand: [number, number, number, number];
  /** Share within ±20 % on the half of the area a fit did not see (mean of west→east and east→west); absent for the assumed profile. */
  heldOutWithin20?: number;
}

export interface N1000Profile {
  name: N1000ProfileName;
  description: string;
  /** The description in bokmål, for the bokmål reports. */
  descriptionNb: string;
  /** Cap for non-motorway N1000 links in built-up areas (km/h). */
  urbanSpeedCapKmh: number;
  /** Cap for motorways and motor roads in built-up areas (km/h); 0 = none. */
  urbanMotorwaySpeedCapKmh: number;
  accessSpeedKmh: { tettbygd: number; grisgrendt: number };
  accessDetourFactor: number;
  directMaxM: number;
  /** Roads a point is joined to (the nearest and the next-nearest on the same shore). */
  accessCandidates: number;
  validation: ProfileValidation;
}

/** Sample and method behind the validation figures (docs/geography.md, "Calibration against OpenStreetMap"). */
export const PROFILE_VALIDATION_SAMPLE = { seed: 1, points: 600, pairsPerBand: 150 } as const;

export const N1000_PROFILES: Readonly<Record<N1000ProfileName, N1000Profile>> = {
  "n1000-2026-assumed": {
    name: "n1000-2026-assumed",
    description: "Akutt's assumed parameters before calibration (2026): urban cap 50 km/h, access links at 30/50 km/h × 1.3 to the nearest road only, direct trips up to 2 km.",
    descriptionNb: "Akutts antatte parametere før kalibrering (2026): fartstak 50 km/t i tettbygd strøk, tilkoblingslenker i 30/50 km/t × 1,3 bare til nærmeste veg, direkte turer opptil 2 km.",
    urbanSpeedCapKmh: 50,
    urbanMotorwaySpeedCapKmh: 0,
    accessSpeedKmh: { tettbygd: 30, grisgrendt: 50 },
    accessDetourFactor: 1.3,
    directMaxM: 2000,
    accessCandidates: 1,
    validation: { pairs: 1684, medianRatio: 0.9, q25: 0.74, q75: 1.21, within20: 0.41, medianByBand: [0.68, 0.88, 1.04, 1.5] },
  },
  "n1000-calibrated-osm-2019": {
    name: "n1000-calibrated-osm-2019",
    description:
      "Calibrated against OpenStreetMap roads of central and eastern Oslo (2019): urban cap 45 km/h, access links at 22 km/h (tettbygd; grisgrendt 50 km/h, not calibrated) × 1.3 to the four nearest roads on the same shore, direct trips up to 3 km.",
    descriptionNb:
      "Kalibrert mot OpenStreetMap-vegnettet i sentrale og østlige deler av Oslo (2019): fartstak 45 km/t i tettbygd strøk, tilkoblingslenker i 22 km/t (tettbygd; grisgrendt 50 km/t, ikke kalibrert) × 1,3 til de fire nærmeste vegene på samme side av vannet, direkte turer opptil 3 km.",
    urbanSpeedCapKmh: 45,
    urbanMotorwaySpeedCapKmh: 0,
    accessSpeedKmh: { tettbygd: 22, grisgrendt: 50 },
    accessDetourFactor: 1.3,
    directMaxM: 3000,
    accessCandidates: 4,
    validation: { pairs: 1684, medianRatio: 1.03, q25: 0.9, q75: 1.17, within20: 0.66, medianByBand: [0.9, 1.11, 1.04, 1.03], heldOutWithin20: 0.6 },
  },
};

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The sentence every report prints about how far the N1000 model's minutes can be trusted: how it matched the
 * detailed road network where both exist, and where it could not be checked.
 */
export function profileValidationLine(profile: N1000Profile): string {
  const v = profile.validation;
  const bands = ["0–1", "1–2", "2–5", "5–10"].map((b, i) => `${b} km ${v.medianByBand[i]!.toFixed(2)}`).join(", ");
  const heldOut = v.heldOutWithin20 !== undefined ? `; fitted on one half of the area, ${pct(v.heldOutWithin20)} within ±20 % on the other half` : "";
  return (
    `Checked against detailed roads (OpenStreetMap, central and eastern Oslo, 2019; ${v.pairs} drives between homes up to 10 km, normal driving), profile ${profile.name}: ` +
    `this model's time ÷ the detailed road network's time has median ${v.medianRatio.toFixed(2)} (middle half ${v.q25.toFixed(2)}–${v.q75.toFixed(2)}), ${pct(v.within20)} of drives within ±20 %` +
    `${heldOut}; median by distance ${bands}. Only dense urban Oslo could be checked: elsewhere (Bærum, Asker, Drammen, rural roads) the same parameters and the assumed rural speeds are untested.`
  );
}

const decimal = (x: number, digits: number) => x.toFixed(digits).replace(".", ",");

/** profileValidationLine in bokmål, for the bokmål reports. */
export function profileValidationLineNb(profile: N1000Profile): string {
  const v = profile.validation;
  const bands = ["0–1", "1–2", "2–5", "5–10"].map((b, i) => `${b} km ${decimal(v.medianByBand[i]!, 2)}`).join(", ");
  const heldOut = v.heldOutWithin20 !== undefined ? `; tilpasset på den ene halvdelen av området, ${pct(v.heldOutWithin20)} innenfor ±20 % på den andre halvdelen` : "";
  return (
    `Kontrollert mot detaljert vegnett (OpenStreetMap, sentrale og østlige deler av Oslo, 2019; ${v.pairs} kjøreturer mellom boliger opptil 10 km, vanlig kjøring), profil ${profile.name}: ` +
    `denne modellens kjøretid ÷ det detaljerte vegnettets kjøretid har median ${decimal(v.medianRatio, 2)} (midterste halvdel ${decimal(v.q25, 2)}–${decimal(v.q75, 2)}), ${pct(v.within20)} av turene innenfor ±20 %` +
    `${heldOut}; median etter avstand ${bands}. Bare tettbygde deler av Oslo kunne kontrolleres: andre steder (Bærum, Asker, Drammen, veger i grisgrendte strøk) er de samme parameterne og de antatte hastighetene utenfor tettbygd strøk ikke testet.`
  );
}
