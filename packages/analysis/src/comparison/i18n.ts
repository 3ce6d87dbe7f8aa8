/** The comparison renderers' words, in bokmål and English. */
export type Language = "nb" | "en";
export const LANGUAGES: readonly Language[] = ["nb", "en"];

export interface Dictionary {
  lang: Language;
  /** Decimal separator. */
  decimal: "," | ".";
  comparison: string;
  whatWasCompared: string;
  baseline: string;
  alternative: string;
  method: string;
  methodText: (replications: number, levelPercent: number, seed: number) => string;
  relevantText: (relevantMin: string) => string;
  precision: string;
  precisionSufficient: (figure: string, widest: string, relevant: string) => string;
  precisionInsufficient: (figure: string, widest: string, relevant: string, suggested: string) => string;
  precisionUnknown: (figure: string) => string;
  travelModel: string;
  populationSources: string;
  limitations: string;
  maps: string;
  mapMedian: (urgency: string, variant: string) => string;
  mapDifference: (urgency: string, variant: string, baseline: string) => string;
  mapNote: string;
  noBoundaries: string;
  noData: string;
  charts: string;
  chartMedian: (urgency: string, baseline: string) => string;
  chartShare: (urgency: string, baseline: string) => string;
  /** `relevant` null: the chart has no grey band (no relevant difference set for that figure). */
  chartNote: (relevant: string | null) => string;
  chartDesc: string;
  relevantBand: string;
  tables: string;
  overall: string;
  byArea: string;
  byAreaNote: string;
  organisations: string;
  organisationsNote: string;
  crossBorder: string;
  crossBorderNote: string;
  amk: string;
  amkAnswer: string;
  amkAnswerNote: string;
  shift: string;
  amkShiftNames: { all: string; day: string; evening: string; night: string };
  callsIn: (days: string) => string;
  callsPerYear: string;
  medianAnswer: string;
  p90Answer: string;
  occupancy: string;
  costs: string;
  costsNote: (source: string) => string;
  catchments: string;
  sensitivity: string;
  sensitivityNote: string;
  sensitivityGroups: Record<"interAmkDelaySec" | "demandGrowth" | "stationSite", string>;
  projections: string;
  projectionsNote: (baseYear: number, scope: string, notes: string[]) => string;
  projectionsMiss: string;
  projectionsMissNote: string;
  growthAlternative: string;
  redIncidentsPerYear: (year: number) => string;
  firstYearBelow: string;
  firstYearClearlyBelow: string;
  firstYearBelowByArea: string;
  noneUpTo: (year: number) => string;
  changeFromFirstYear: string;
  scopeNames: Record<string, string>;
  definitions: string;
  definitionLines: string[];
  attributionNote: string;
  generatedBy: string;
  // Column headers and labels
  area: string;
  urgency: string;
  urgencies: Record<"red" | "yellow" | "green" | "all", string>;
  variant: string;
  responsible: string;
  incidents: string;
  median: string;
  p90: string;
  within12: string;
  withinTarget: string;
  delta: string;
  /** "Δ against today": nb "mot", en "vs". */
  against: string;
  organisation: string;
  areas: string;
  vehicles: string;
  ambulances: string;
  stations: string;
  ambulanceUtilisation: string;
  given: string;
  received: string;
  calls: string;
  answered10s: string;
  operatorUtilisation: string;
  ambulanceHoursYear: string;
  operatorHoursYear: string;
  unavailable: string;
  unavailableNote: (days: string) => string;
  cleaningHours: string;
  breakHours: string;
  outOfServiceHours: string;
  unavailableHoursYear: string;
  ofOnDuty: string;
  breaksTakenInterruptedSkipped: string;
  refusedEndOfShift: string;
  refusedEndOfShiftYear: string;
  costYear: string;
  total: string;
  fromOwner: string;
  intoArea: string;
  missions: string;
  redMissions: string;
  population: string;
  areaKm2: string;
  change: string;
  setting: string;
  notInVariant: string;
  minutes: string;
  percentagePoints: string;
  legend: string;
  faster: string;
  slower: string;
  allAreas: string;
  description: string;
  /** "per replication (26 days after warm-up)": the period every count covers. */
  countPeriod: (days: string) => string;
  perYear: string;
  /** The header line saying what period every count covers and how it scales to a year. */
  countsLine: (days: string) => string;
  factorial: string;
  factorialNote: (replications: number) => string;
  factorNames: Record<"organisation" | "resources" | "measures", string>;
  factorTotal: string;
  remainder: string;
  notPartOfAlternative: string;
  figure: string;
  fleetNeeded: string;
  fleetNeededNote: (searchReplications: string, confirmReplications: string, maxSteps: string) => string;
  added: string;
  noneAdded: string;
  fleetShiftNames: Record<"day" | "roundTheClock", string>;
  searchMet: string;
  confirmed: string;
  yes: string;
  no: string;
  atStation: string;
  referenceRate: string;
  referenceNote: (arithmetic: string, source: string, rate: string, assumed: string) => string;
  transitionCosts: string;
  transitionNote: string;
  item: string;
  source: string;
  amount: string;
  transports: string;
  transportsNote: (days: string) => string;
  transportGroups: Record<"urgentTransfer" | "bookedTransfer" | "booked", string>;
  requestsPerYear: string;
  requestsInPeriod: (days: string) => string;
  pickupDelay: string;
  onTime: string;
  meanLateness: string;
  p90Lateness: string;
  bySimpleVehicle: string;
  ambulanceHoursTransportsYear: string;
  /** The optimisation section (comparison.yaml `optimisation`): siting by MIP judged by simulation, and the standby plan given to every variant. */
  optimisation: {
    sitingTitle: (station: string) => string;
    sitingNote: (f: { variant: string; zones: string; areas: string; owner: string; borderRule: string; busyFraction: string; replications: string; levelDefault: string; levelBest: string; levelAreas: string; solveSec: string }) => string;
    sitingAreasTitle: (station: string) => string;
    site: string;
    source: string;
    sources: { default: string; "hand-picked": string; mip: (rank: number) => string };
    mipObjective: string;
    simulatedRank: string;
    shareAll: string;
    share: string;
    deltaShareVsDefault: string;
    deltaMedianVsDefault: string;
    vsBest: string;
    real: string;
    verdicts: Record<"better" | "worse" | "not distinguishable", string>;
    standbyTitle: string;
    standbyNote: (policy: string, replications: string, levelOverall: string, levelAreas: string) => string;
    replaced: string;
    shareWithout: string;
    shareWith: string;
    deltaShareWith: string;
    deltaMedianWith: string;
    togetherTitle: string;
    togetherNote: (policy: string, replications: string, levelOverall: string, levelAreas: string) => string;
    shareWithPlan: string;
    deltaShareVsBaseline: string;
    deltaMedianVsBaseline: string;
    fleetTitle: string;
    fleetNote: (f: { todayHours: string; shifts: string; busyToday: string; levels: string; cap: string; gap: string; timeLimit: string; replications: string; maxIterations: string; step: string; levelOverall: string; levelAreas: string }) => string;
    rosteredHoursWeek: string;
    planHoursWeek: string;
    answerHoursWeek: string;
    planDifference: string;
    confirmedBySimulation: string;
    confirmedText: (plan: string, plans: string) => string;
    notConfirmedText: (plans: string, stop: string, best: string) => string;
    stops: Record<"confirmed" | "max-iterations" | "repeated" | "no-plan", string>;
    fleetIterationsTitle: string;
    plan: string;
    busyAssumed: string;
    raisedAreas: string;
    busyMeasured: string;
    sameAsPlan: (plan: string) => string;
    solver: string;
    statuses: Record<string, string>;
    lowered: string;
    loweredText: (area: string, points: string, hours: string) => string;
    searchHoursYear: string;
    fleetStationsTitle: string;
    station: string;
    owner: string;
    crewStarts: string;
    onDuty: string;
    fleetSimulatedTitle: string;
    fleetSimulatedNote: (replications: string, levelOverall: string, levelAreas: string) => string;
    shownPlan: (plan: string, confirmed: boolean) => string;
    keepsToday: string;
    medianWithPlan: string;
    keeps: Record<"yes" | "no", string>;
  };
  /** The multi-unit and joint-operation table (only when a variant has them). */
  multiUnit: {
    title: string;
    note: (days: string) => string;
    incidents: (days: string) => string;
    multiUnit: string;
    joint: string;
    perYear: string;
    share: string;
    unitsPerIncident: string;
    lastUnitMean: string;
    lastUnitP90: string;
    extraUnitHours: string;
    cancelled: string;
  };
}

export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = {
  nb: {
    lang: "nb",
    decimal: ",",
    comparison: "Sammenligning",
    whatWasCompared: "Hva som er sammenlignet",
    baseline: "dagens ordning",
    alternative: "alternativ",
    method: "Metode",
    methodText: (n, level, seed) =>
      `Hvert alternativ er simulert ${n} ganger (replikasjoner) med de samme tilfeldige tallene som dagens ordning (frø ${seed}), slik at alle alternativer møter de samme hendelsene. Forskjellene er derfor parvise: for hver replikasjon trekkes dagens tall fra alternativets, og rapporten viser gjennomsnittet av forskjellene med ${level} % konfidensintervall (Student t).`,
    relevantText: (relevant) => `En forskjell i median responstid under ${relevant} regnes som uten praktisk betydning.`,
    precision: "Presisjon",
    precisionSufficient: (figure, widest, relevant) => `${figure}: det videste intervallet har halvbredde ${widest}, under ${relevant}. Antallet replikasjoner er tilstrekkelig.`,
    precisionInsufficient: (figure, widest, relevant, suggested) =>
      `${figure}: det videste intervallet har halvbredde ${widest}, ikke under ${relevant}. Omtrent ${suggested} replikasjoner trengs for å skille forskjeller av den størrelsen.`,
    precisionUnknown: (figure) => `${figure}: ingen intervaller (for få replikasjoner eller hendelser).`,
    travelModel: "Reisetidsmodell",
    populationSources: "Befolkning (etterspørsel) per område: kilde og år",
    limitations: "Begrensninger",
    maps: "Kart",
    mapMedian: (urgency, variant) => `Median responstid, ${urgency}, ${variant}`,
    mapDifference: (urgency, variant, baseline) => `Endring i median responstid, ${urgency}: ${variant} mot ${baseline}`,
    mapNote: "Blått er raskere og oransje er tregere enn i dag. Grå: ingen data.",
    noBoundaries: "Ingen grenser ble gitt; kartene er utelatt.",
    noData: "ingen data",
    charts: "Parvise forskjeller",
    chartMedian: (urgency, baseline) => `Endring i median responstid, ${urgency}, mot ${baseline} (minutter, ${"95 %"} KI)`,
    chartShare: (urgency, baseline) => `Endring i andel innen 12 min, ${urgency}, mot ${baseline} (prosentpoeng, 95 % KI)`,
    chartNote: (relevant) => `Punktet er gjennomsnittlig forskjell, streken konfidensintervallet.${relevant === null ? "" : ` Det grå feltet er forskjeller under ${relevant}.`}`,
    chartDesc: "Forskjeller per område og alternativ",
    relevantBand: "uten praktisk betydning",
    tables: "Tabeller",
    overall: "Alle områder etter hastegrad",
    byArea: "Responstid per område og hastegrad",
    byAreaNote: "Δ er parvis forskjell mot dagens ordning med 95 % konfidensintervall i hakeparentes. Rader uten hendelser er utelatt.",
    organisations: "Per helseforetak",
    organisationsNote:
      "Utnyttelse: andel av vakttiden ambulansene er opptatt. Gitt: oppdrag med egne biler i andres område; mottatt: andres biler i eget område. Timer og kostnader per år.",
    crossBorder: "Oppdrag over grensen",
    crossBorderNote: "Oppdrag per replikasjon (se perioden i kolonneoverskriften) etter eier av bilen og ansvarlig foretak for området.",
    amk: "AMK",
    amkAnswer: "AMK: svartid på 113 per vaktperiode",
    amkAnswerNote:
      "Alle 113-anrop til sentralen (studieområdets og resten av AMK-områdets, når scenarioet har bakgrunnslast). Svartid: fra det ringer til operatøren svarer; median og 90-persentil i hele sekunder (1-sekunds histogram, rundet ned). Vaktperioder etter lokal time anropet kom: dag 07–15, kveld 15–23, natt 23–07. Belastning: operatørtid i arbeid (anrop, etterarbeid, andre oppgaver, tid borte fra telefonen og ubesatte vakter, når scenarioet har det) / operatørtid på vakt. Publisert til sammenligning (2022): AMK Oslo besvarte 85–87 % innen 10 s, 95 % innen 30 s og 98 % innen 1 min, lengste ventetid 4:26 (NRK; OUS); Helsedirektoratet regner bare besvarte anrop. Målet er 90 % (akuttmedisinforskriften § 15 b). Modellen har ikke innringere som legger på, ansatte som trer inn når køen vokser, bemanning som varierer gjennom døgnet eller flere innringere til samme hendelse; se docs/asker-baerum.md, «AMK answer times».",
    shift: "Vakt",
    amkShiftNames: { all: "hele døgnet", day: "dag 07–15", evening: "kveld 15–23", night: "natt 23–07" },
    callsIn: (days) => `Anrop (${days} døgn)`,
    callsPerYear: "Anrop per år",
    medianAnswer: "Median svartid",
    p90Answer: "90-persentil svartid",
    occupancy: "Operatørbelastning",
    costs: "Kostnadsindikatorer",
    costsNote: (source) => `Kostnad = ambulansetimer × timepris + stasjoner × årskostnad + AMK-operatørtimer × timepris. Kilde for parameterne: ${source}.`,
    catchments: "Opptaksområder",
    sensitivity: "Følsomhet",
    sensitivityNote: "Rød hastegrad. Hver innstilling er kjørt for dagens ordning og alternativet med de samme frøene; Δ er alternativ mot dagens ordning med samme innstilling.",
    sensitivityGroups: { interAmkDelaySec: "Forsinkelse mellom AMK-er", demandGrowth: "Vekst i etterspørsel", stationSite: "Stasjonsplassering" },
    transports: "Overflyttinger og bestilte transporter",
    transportsNote: (days) =>
      `Overflyttinger mellom sykehus og bestilte/planlagte transporter (hjem ↔ sykehus), bestilt etter innsvingning; ${days} simulerte døgn per replikasjon, omregnet til per år. I rute: hentet innen tidsvinduets slutt, blant dem som ble hentet eller hvis vindu var ute ved slutten av kjøringen; forsinkelse: henting (eller slutt) − vinduets slutt, blant de forsinkede. Enkel bil: alle typer unntatt ambulanse. Ambulansetimer: varslet → ledig på disse oppdragene. Responstidene over gjelder bare akutte hendelser (113).`,
    transportGroups: { urgentTransfer: "Hasteoverflyttinger", bookedTransfer: "Bestilte overflyttinger", booked: "Bestilte transporter" },
    requestsPerYear: "Bestillinger/år",
    requestsInPeriod: (days) => `Bestillinger (${days} døgn)`,
    pickupDelay: "Bestilling → henting (min)",
    onTime: "I rute",
    meanLateness: "Forsinkelse, snitt (min)",
    p90Lateness: "Forsinkelse, P90 (min)",
    bySimpleVehicle: "Med enkel bil",
    ambulanceHoursTransportsYear: "Ambulansetimer/år",
    projections: "Framskriving: andel røde innen målet per år",
    projectionsNote: (baseYear, scope, notes) =>
      `Rød hastegrad, ${scope}: andel innen målet (12 min i tettbygd, 25 min i grisgrendt) med 95 %-intervall; Δ er endringen i prosentpoeng fra første år for samme alternativ (parvis, samme frø). Hvert alternativ er kjørt med etterspørselen framskrevet fra ${baseYear}, flåte og stasjoner uendret. ${notes.join(" ")}`,
    projectionsMiss: "Når målet om 90 % innen målet først brytes",
    projectionsMissNote: "Første år der et område har gjennomsnitt under 90 %, og første år der hele 95 %-intervallet er under 90 % (et brudd replikasjonene ikke etterlater tvil om). Bare årene som er kjørt.",
    growthAlternative: "Vekstalternativ",
    redIncidentsPerYear: (year) => `Røde hendelser/år ${year}`,
    firstYearBelow: "Første år under 90 % (område)",
    firstYearClearlyBelow: "Første år med hele intervallet under 90 % (område)",
    firstYearBelowByArea: "Første år under 90 %, per område",
    noneUpTo: (year) => `ingen til og med ${year}`,
    changeFromFirstYear: "Δ",
    scopeNames: { "focus areas": "fokusområdene", "all areas": "alle områder" },
    definitions: "Definisjoner",
    definitionLines: [
      "Responstid: fra anropet ringer på AMK til første ambulanse er på stedet, for hendelser en ambulanse nådde. Tapte hendelser og hendelser som fortsatt venter ved slutten, telles for seg.",
      "Median og 90-persentil: eksakte utvalgskvantiler per replikasjon (Hyndman–Fan type 7); rapporten viser gjennomsnittet over replikasjonene.",
      "Innen 12 min: andel nådde hendelser med responstid ≤ 12 min, for alle hastegrader. Rød har et nasjonalt mål (90 % innen 12 min i tettbygde og 25 min i grisgrendte kommuner), gul målet fra St.meld. 43 (1999–2000) (90 % innen 30 og 40 min); «Innen mål» viser andelen innen målet for områdets klasse. For grønn er 12-minuttersandelen en beskrivelse, ikke et mål.",
      "Oppdrag over grensen: oppdrag der bilen eies av et annet helseforetak enn det som har ansvaret for området.",
      "113-anrop besvart innen 10 s: mål 90 % (akuttmedisinforskriften § 15 b).",
      "Timer per år: timer observert etter innsvingning × 365 dager / observerte dager. Ambulansetimer er vakttid (alle tilstander unntatt fri) for biler av typen ambulanse.",
    ],
    attributionNote: "Kartgrunnlag",
    generatedBy: "Laget med Akutt. Samme scenarioer og frø gir den samme rapporten.",
    area: "Område",
    urgency: "Hastegrad",
    urgencies: { red: "rød", yellow: "gul", green: "grønn", all: "alle" },
    variant: "Alternativ",
    responsible: "Ansvarlig",
    incidents: "Hendelser",
    median: "Median",
    p90: "90-persentil",
    within12: "Innen 12 min",
    withinTarget: "Innen mål",
    delta: "Δ",
    against: "mot",
    organisation: "Helseforetak",
    areas: "Områder",
    vehicles: "Biler",
    ambulances: "Ambulanser",
    stations: "Stasjoner",
    ambulanceUtilisation: "Utnyttelse ambulanser",
    given: "Gitt",
    received: "Mottatt",
    calls: "113-anrop",
    answered10s: "Besvart ≤ 10 s",
    operatorUtilisation: "Operatørbelastning",
    ambulanceHoursYear: "Ambulansetimer/år",
    operatorHoursYear: "AMK-operatørtimer/år",
    unavailable: "Utilgjengelig tid (alle kjøretøy)",
    unavailableNote: (days) =>
      `Kjøretøytimer over ${days} simulerte døgn (snitt per replikasjon); «per år» er skalert til 365,25 døgn. Utilgjengelig = på vakt, men kan ikke ta oppdrag: rengjøring og påfylling etter oppdrag, matpause eller ute av drift (feil eller sykdom). Tiden regnes verken som opptatt (utnyttelse teller bare oppdrag) eller tilgjengelig. Avslått ved vaktslutt: gule og grønne hendelser en enhet avslo de siste minuttene av vakten (hver hendelse én gang).`,
    cleaningHours: "Rengjøring (t)",
    breakHours: "Matpause (t)",
    outOfServiceHours: "Ute av drift (t)",
    unavailableHoursYear: "Utilgjengelig t/år",
    ofOnDuty: "Andel av vakttid",
    breaksTakenInterruptedSkipped: "Pauser tatt / avbrutt / droppet",
    refusedEndOfShift: "Avslått ved vaktslutt",
    refusedEndOfShiftYear: "Avslått ved vaktslutt/år",
    costYear: "Kostnad/år",
    total: "Sum",
    fromOwner: "Bilens eier",
    intoArea: "Områdets ansvarlige",
    missions: "Oppdrag",
    redMissions: "Røde oppdrag",
    population: "Befolkning",
    areaKm2: "Areal (km²)",
    change: "Endring",
    setting: "Innstilling",
    notInVariant: "ikke med",
    minutes: "min",
    percentagePoints: "p.p.",
    legend: "Tegnforklaring",
    faster: "raskere",
    slower: "tregere",
    allAreas: "Alle områder",
    optimisation: {
      sitingTitle: (station) => `Optimering: beste plassering av ${station} (MIP over alle tillatte soner, vurdert ved simulering)`,
      sitingNote: (f) =>
        `Variant ${f.variant}. Stasjonens plassering valgt av MEXCLP-modellen (Daskin 1983; docs/optimisation.md) blant alle ${f.zones} soner i ${f.areas} som eieren (${f.owner}) har ansvaret for, med alle andre stasjoner og biler som i varianten og grenseregelen ${f.borderRule}; travelhetsandel q = ${f.busyFraction} (ANTAKELSE); HiGHS ${f.solveSec} s. Modellens beste plasser (optimum, så nest beste ved «no-good»-kutt) er så simulert med de håndplukkede plassene på de samme frøene (${f.replications} replikasjoner), rød hastegrad. Forskjellene er parvise, med Bonferroni-justerte intervaller: mot standardplasseringen ${f.levelDefault} per intervall, mot den beste ${f.levelBest}, per område ${f.levelAreas}; «*»: intervallet utelukker 0, forskjellen er reell.`,
      sitingAreasTitle: (station) => `Optimering: ${station}, fokusområdene mot standardplasseringen`,
      site: "Plassering",
      source: "Kilde",
      sources: { default: "standard (variantens fil)", "hand-picked": "håndplukket", mip: (rank) => `MIP nr. ${rank}` },
      mipObjective: "MEXCLP-dekning",
      simulatedRank: "Rangering (simulert)",
      shareAll: "Andel innen mål, alle områder",
      share: "Andel innen mål",
      deltaShareVsDefault: "Δ andel mot standard (p.p.)",
      deltaMedianVsDefault: "Δ median mot standard (min)",
      vsBest: "Mot den beste",
      real: "Reell",
      verdicts: { better: "bedre", worse: "dårligere", "not distinguishable": "ikke til å skille" },
      standbyTitle: "Optimering: optimert beredskapsplan gitt til alle varianter (egen faktor)",
      standbyNote: (policy, replications, overall, areas) =>
        `Hver variant med og uten den samme optimerte beredskapsregelen (${policy}: dynamisk MEXCLP, Jagtenberg, van der Mei og Bhulai 2015; en ledig ambulanse sendes til egen organisasjons stasjon eller beredskapspunkt der den øker forventet dekning mest), slik at ingen variant vinner på et tiltak bare den har. Rød hastegrad, ${replications} replikasjoner på de samme frøene; «med − uten» parvis, alle områder på nivå ${overall}, per område Bonferroni-justert til ${areas}; «*»: intervallet utelukker 0.`,
      replaced: "Erstatter",
      shareWithout: "Andel innen mål uten",
      shareWith: "… med",
      deltaShareWith: "Δ andel, med − uten (p.p.)",
      deltaMedianWith: "Δ median, med − uten (min)",
      togetherTitle: "Optimering: alternativene mot dagens ordning, alle med den optimerte beredskapsplanen",
      togetherNote: (policy, replications, overall, areas) =>
        `Alle varianter med den samme beredskapsregelen (${policy}), ${replications} replikasjoner på de samme frøene; parvis forskjell mot dagens ordning med regelen. Bonferroni-justert: alle områder ${overall} per intervall, per område ${areas}; «*»: intervallet utelukker 0. Slik sammenlignes alternativene uten tiltak som bare noen av dem har.`,
      fleetTitle: "Optimering: bilparken hvert alternativ trenger for å holde alle områder på dagens nivå (flåte-MIP)",
      fleetNote: (f) =>
        `Flåte- og vaktmodellen (docs/optimisation.md «Keeping today's level») per alternativ: alternativets stasjoner, eiere og grenseregel; målet for hvert område i hver time av uka er dagens forventede dekning (MEXCLP; de ${f.levels} første bilene innen rekkevidde telles) med dagens vaktplan (${f.todayHours} ambulansetimer i uka) og travelhetsandelen q målt i simuleringen av dagens ordning (${f.busyToday} etter time på døgnet). Hver plan simuleres mot dagens ordning (${f.replications} replikasjoner, samme frø); holder den ikke dagens nivå, løses modellen igjen med q målt i simuleringen av planen, og målene for hvert område som ble reelt dårligere lukker ${f.step} til av avstanden til det stasjonene kan nå; etter den første bekreftede planen halveres steget mellom siste plan som feilet og siste bekreftede (q som i den bekreftede); høyst ${f.maxIterations} planer, og stopp når en plan gjentar seg. Svaret er den bekreftede planen med færrest timer. En sone som i dag har flere biler innen rekkevidde enn modellen teller, beholder så mange. Vakter: ${f.shifts}; høyst ${f.cap} biler samtidig per stasjon. HiGHS stopper innen ${f.gap} av laveste mulige timetall eller etter ${f.timeLimit} s. Et timemål alternativet ikke kan nå selv med ${f.cap} biler på hver stasjon, senkes til det som kan nås, og vises. Hver plan mot dagens ordning alene: alle områder ${f.levelOverall}, per område ${f.levelAreas} (Bonferroni over områdene).`,
      rosteredHoursWeek: "Vaktplan i dag (t/uke)",
      planHoursWeek: "MIP-plan (t/uke)",
      answerHoursWeek: "Svar: færrest timer bekreftet (t/uke)",
      planDifference: "Forskjell (t/uke)",
      confirmedBySimulation: "Bekreftet av simuleringen",
      confirmedText: (plan, plans) => `ja, plan ${plan} av ${plans}`,
      notConfirmedText: (plans, stop, best) => `ikke bekreftet etter ${plans} planer (${stop}); nærmest dagens nivå: plan ${best}`,
      stops: { confirmed: "bekreftet", "max-iterations": "høyst antall planer nådd", repeated: "planen gjentok seg", "no-plan": "modellen fant ingen plan" },
      fleetIterationsTitle: "Optimering: flåte-MIP-en iterert med simuleringen, plan for plan",
      plan: "Plan",
      busyAssumed: "q i modellen (lavest–høyest)",
      raisedAreas: "Mål hevet (andel av avstanden til rekkevidden lukket)",
      busyMeasured: "q målt i simuleringen",
      sameAsPlan: (plan) => `samme som plan ${plan}`,
      solver: "HiGHS",
      statuses: { optimal: "optimal", "time-limit": "tidsgrense (beste funnet)", infeasible: "ingen plan", unbounded: "ubegrenset", error: "feil" },
      lowered: "Senkede mål",
      loweredText: (area, points, hours) => `${area}: inntil ${points} p.p. i ${hours} t`,
      searchHoursYear: "Simuleringssøket: lagt til (t/år)",
      fleetStationsTitle: "Optimering: flåte-MIP-planen per stasjon",
      station: "Stasjon",
      owner: "Eier",
      crewStarts: "Mannskap som starter vakt (per uke)",
      onDuty: "På vakt (færrest–flest)",
      fleetSimulatedTitle: "Optimering: flåte-MIP-planene simulert mot dagens ordning",
      fleetSimulatedNote: (replications, overall, areas) =>
        `Hvert alternativ med flåte-MIP-planen i stedet for sine egne ambulanser, simulert på de første ${replications} frøene i sammenligningen (felles tilfeldige tall) mot dagens ordning; rød hastegrad. Parvise forskjeller, Bonferroni-justert: alle områder ${overall}, per område ${areas}; «*»: intervallet utelukker 0. «Holder dagens nivå»: verken andelen innen mål eller medianen er reelt dårligere (intervallet når 0 eller bedre), samme regel som simuleringssøket; for «alle områder» både samlet og i hvert fokusområde.`,
      shownPlan: (plan, confirmed) => (confirmed ? `plan ${plan} (bekreftet)` : `plan ${plan} (nærmest, ikke bekreftet)`),
      keepsToday: "Holder dagens nivå",
      medianWithPlan: "Median med planen (min)",
      keeps: { yes: "ja", no: "nei" },
      shareWithPlan: "Andel innen mål, med planen",
      deltaShareVsBaseline: "Δ andel mot i dag (p.p.)",
      deltaMedianVsBaseline: "Δ median mot i dag (min)",
    },
    multiUnit: {
      title: "Hendelser med flere ambulanser og samarbeid med politi og brann",
      note: (days) =>
        `Tall per replikasjon over ${days} simulerte dager etter innsvinget; «/år» regner dem om til 365,25 dager. Responstiden er fortsatt første ambulanses; «siste enhet» er fra anropet til siste nødvendige ambulanse er på stedet, for hendelser med flere ambulanser der alle kom fram. Ekstra enhetstimer: ekstra ambulansers tid fra varsling til ledig. Avbestilt: ekstra ambulanser som ennå ventet da den første forlot stedet.`,
      incidents: (days) => `Hendelser (${days} d)`,
      multiUnit: "Flere ambulanser",
      joint: "Samarbeid politi/brann",
      perYear: "/år",
      share: "Andel",
      unitsPerIncident: "Ambulanser per hendelse",
      lastUnitMean: "Siste enhet, snitt",
      lastUnitP90: "Siste enhet, P90",
      extraUnitHours: "Ekstra enhetstimer",
      cancelled: "Avbestilt",
    },
    description: "Beskrivelse",
    countPeriod: (days) => `per replikasjon (${days} simulerte døgn etter innsvingning)`,
    perYear: "per år",
    countsLine: (days) => `Alle antall (hendelser, oppdrag, anrop) gjelder per replikasjon: ${days} simulerte døgn etter innsvingning; × 365 / ${days} gir per år. Timer og kostnader er regnet om til per år.`,
    factorial: "Organisering × ressurser × tiltak",
    factorialNote: (n) =>
      `Rød hastegrad, parvis forskjell mot dagens ordning med 95 % KI (${n} replikasjoner, de samme frøene). Totalt: alternativet; organisering, ressurser og tiltak: kontrollvarianten som har bare den delen av alternativet (comparison.yaml factors); rest: totalt minus summen av delene, altså samspillet mellom dem. «–»: delen er ikke med i alternativet. Beredskapspunktet på Bekkestua er med i alle varianter.`,
    factorNames: { organisation: "Organisering", resources: "Ressurser", measures: "Tiltak" },
    factorTotal: "Totalt",
    remainder: "Rest (samspill)",
    notPartOfAlternative: "–",
    figure: "Tall",
    fleetNeeded: "Bilpark som trengs for å holde dagens nivå",
    fleetNeededNote: (search, confirm, steps) =>
      `Færrest ekstra ambulansetimer som gjør at hvert fokusområde har rød median og andel innen 12 min som ikke er dårligere enn i dag (95 % KI for forskjellen rommer 0 eller bedre). Grådig søk: én ambulanse om gangen (dag 07–19 eller døgnbemannet) på alternativets egne stasjoner, den som bedrer mest per ambulansetime, eller den med færrest timer som alene oppfyller kravet; ${search} replikasjoner per forsøk, høyst ${steps} ambulanser; bekreftet med ${confirm} replikasjoner. Et grovt søk: det finner et tilstrekkelig tillegg, ikke nødvendigvis det minste.`,
    added: "Lagt til",
    noneAdded: "ingen",
    fleetShiftNames: { day: "dag 07–19", roundTheClock: "døgn" },
    searchMet: "Funnet i søket",
    confirmed: "Bekreftet",
    yes: "ja",
    no: "nei",
    atStation: "på",
    referenceRate: "ved SSB-nivå",
    referenceNote: (arithmetic, source, rate, assumed) => `Kontroll av timeprisen: ${arithmetic} = ${rate} per ambulansetime ved SSBs kostnadsnivå (inkl. luftambulanse og administrasjon), mot antatt ${assumed}. Kilde: ${source}.`,
    transitionCosts: "Omstillingskostnader (engangs)",
    transitionNote: "Engangskostnader ved å bytte driftsansvar, ikke med i årskostnaden over. ANTAKELSER; begrunnelsen står i comparison.yaml og README.md.",
    item: "Post",
    source: "Kilde",
    amount: "Beløp",
  },
  en: {
    lang: "en",
    decimal: ".",
    comparison: "Comparison",
    whatWasCompared: "What was compared",
    baseline: "today's system",
    alternative: "alternative",
    method: "Method",
    methodText: (n, level, seed) =>
      `Each alternative was simulated ${n} times (replications) with the same random numbers as today's system (seed ${seed}), so every alternative meets the same incidents. Differences are therefore paired: for each replication today's figure is subtracted from the alternative's, and the report gives the mean of those differences with its ${level} % confidence interval (Student t).`,
    relevantText: (relevant) => `A difference in median response time below ${relevant} is taken to be of no practical importance.`,
    precision: "Precision",
    precisionSufficient: (figure, widest, relevant) => `${figure}: the widest interval has half-width ${widest}, below ${relevant}. The number of replications suffices.`,
    precisionInsufficient: (figure, widest, relevant, suggested) =>
      `${figure}: the widest interval has half-width ${widest}, not below ${relevant}. About ${suggested} replications are needed to resolve differences of that size.`,
    precisionUnknown: (figure) => `${figure}: no intervals (too few replications or incidents).`,
    travelModel: "Travel model",
    populationSources: "Population (demand) by area: source and year",
    limitations: "Limitations",
    maps: "Maps",
    mapMedian: (urgency, variant) => `Median response time, ${urgency}, ${variant}`,
    mapDifference: (urgency, variant, baseline) => `Change in median response time, ${urgency}: ${variant} against ${baseline}`,
    mapNote: "Blue is faster and orange slower than today. Grey: no data.",
    noBoundaries: "No boundaries were given; the maps are left out.",
    noData: "no data",
    charts: "Paired differences",
    chartMedian: (urgency, baseline) => `Change in median response time, ${urgency}, against ${baseline} (minutes, 95 % CI)`,
    chartShare: (urgency, baseline) => `Change in share within 12 min, ${urgency}, against ${baseline} (percentage points, 95 % CI)`,
    chartNote: (relevant) => `The dot is the mean difference, the line its confidence interval.${relevant === null ? "" : ` The grey band holds differences below ${relevant}.`}`,
    chartDesc: "Differences per area and alternative",
    relevantBand: "of no practical importance",
    tables: "Tables",
    overall: "All areas by urgency",
    byArea: "Response time per area and urgency",
    byAreaNote: "Δ is the paired difference against today's system with its 95 % confidence interval in brackets. Rows without incidents are left out.",
    organisations: "Per health trust",
    organisationsNote:
      "Utilisation: share of on-duty time the ambulances are busy. Given: missions by own vehicles in another trust's area; received: another trust's vehicles in own area. Hours and costs per year.",
    crossBorder: "Missions across the border",
    crossBorderNote: "Missions per replication (the period is in the column header) by the vehicle's owner and the trust responsible for the area.",
    amk: "AMK",
    amkAnswer: "AMK: 113 answer time by shift",
    amkAnswerNote:
      "Every 113 call to the centre (the study area's and, when the scenario has background load, the rest of the AMK's area). Answer time: from ringing to the operator answering; median and 90th percentile in whole seconds (1-second histogram, rounded down). Shift periods by the local hour the call rang: day 07–15, evening 15–23, night 23–07. Occupancy: operator time at work (calls, after-call work, other tasks, time away from the phone and unfilled shifts, when the scenario has them) / operator time on duty. Published for comparison (2022): AMK Oslo answered 85–87 % within 10 s, 95 % within 30 s and 98 % within 1 min, longest wait 4:26 (NRK; OUS); Helsedirektoratet counts answered calls only. The target is 90 % (akuttmedisinforskriften § 15 b). The model has no callers who hang up, no staff who step in when the queue grows, no staffing that varies through the day and no several callers for one incident; see docs/asker-baerum.md, section AMK answer times.",
    shift: "Shift",
    amkShiftNames: { all: "whole day", day: "day 07–15", evening: "evening 15–23", night: "night 23–07" },
    callsIn: (days) => `Calls (${days} days)`,
    callsPerYear: "Calls per year",
    medianAnswer: "Median answer",
    p90Answer: "90th percentile answer",
    occupancy: "Operator occupancy",
    costs: "Cost indicators",
    costsNote: (source) => `Cost = ambulance-hours × hourly rate + stations × yearly cost + AMK operator-hours × hourly rate. Source of the parameters: ${source}.`,
    catchments: "Catchments",
    sensitivity: "Sensitivity",
    sensitivityNote: "Red urgency. Each setting was run for today's system and the alternative with the same seeds; Δ is the alternative against today's system under the same setting.",
    sensitivityGroups: { interAmkDelaySec: "Inter-AMK delay", demandGrowth: "Demand growth", stationSite: "Station site" },
    transports: "Transfers and booked transports",
    transportsNote: (days) =>
      `Inter-hospital transfers and booked/planned transports (home ↔ hospital) requested after warm-up; ${days} simulated days per replication, scaled to per year. On time: picked up by the window's end, over those picked up or whose window had ended by the end of the run; lateness: pickup (or end) − window end, over the late ones. Simple vehicle: any type but ambulance. Ambulance-hours: alerted → free on these missions. The response times above are over emergency (113) incidents only.`,
    transportGroups: { urgentTransfer: "Urgent transfers", bookedTransfer: "Booked transfers", booked: "Booked transports" },
    requestsPerYear: "Requests/year",
    requestsInPeriod: (days) => `Requests (${days} days)`,
    pickupDelay: "Request → pickup (min)",
    onTime: "On time",
    meanLateness: "Lateness, mean (min)",
    p90Lateness: "Lateness, P90 (min)",
    bySimpleVehicle: "By simple vehicle",
    ambulanceHoursTransportsYear: "Ambulance-hours/year",
    projections: "Projection: red share within the target by year",
    projectionsNote: (baseYear, scope, notes) =>
      `Red urgency, ${scope}: share within the target (12 min tettbygd, 25 min grisgrendt) with its 95 % interval; Δ is the change in percentage points from the first year for the same alternative (paired, same seeds). Every alternative was run with demand projected from ${baseYear}, fleet and stations unchanged. ${notes.join(" ")}`,
    projectionsMiss: "When the 90 % target is first missed",
    projectionsMissNote: "First year in which an area's mean is below 90 %, and first year in which its whole 95 % interval is below 90 % (a miss the replications leave no doubt about). Only the years run.",
    growthAlternative: "Growth alternative",
    redIncidentsPerYear: (year) => `Red incidents/year ${year}`,
    firstYearBelow: "First year below 90 % (area)",
    firstYearClearlyBelow: "First year with the whole interval below 90 % (area)",
    firstYearBelowByArea: "First year below 90 %, per area",
    noneUpTo: (year) => `none up to ${year}`,
    changeFromFirstYear: "Δ",
    scopeNames: { "focus areas": "focus areas", "all areas": "all areas" },
    definitions: "Definitions",
    definitionLines: [
      "Response time: from the call ringing at AMK until the first ambulance is at the scene, over incidents an ambulance reached. Lost incidents and incidents still waiting at the end are counted separately.",
      "Median and 90th percentile: exact sample quantiles per replication (Hyndman–Fan type 7); the report gives their mean over replications.",
      "Within 12 min: share of reached incidents with response time ≤ 12 min, for every urgency. Red has a national target (90 % within 12 min in urban and 25 min in rural municipalities), yellow the St.meld. 43 (1999–2000) target (90 % within 30 and 40 min); \"Within target\" gives the share within the target of the area's class. For green the 12-minute share describes, it is not a target.",
      "Missions across the border: missions whose vehicle belongs to another health trust than the one responsible for the area.",
      "113 calls answered within 10 s: target 90 % (akuttmedisinforskriften § 15 b).",
      "Hours per year: hours observed after warm-up × 365 days / observed days. Ambulance-hours are on-duty time (every state except off duty) of vehicles of type ambulance.",
    ],
    attributionNote: "Map data",
    generatedBy: "Made with Akutt. The same scenarios and seed give the same report.",
    area: "Area",
    urgency: "Urgency",
    urgencies: { red: "red", yellow: "yellow", green: "green", all: "all" },
    variant: "Variant",
    responsible: "Responsible",
    incidents: "Incidents",
    median: "Median",
    p90: "90th pct",
    within12: "Within 12 min",
    withinTarget: "Within target",
    delta: "Δ",
    against: "vs",
    organisation: "Health trust",
    areas: "Areas",
    vehicles: "Vehicles",
    ambulances: "Ambulances",
    stations: "Stations",
    ambulanceUtilisation: "Ambulance utilisation",
    given: "Given",
    received: "Received",
    calls: "113 calls",
    answered10s: "Answered ≤ 10 s",
    operatorUtilisation: "Operator utilisation",
    ambulanceHoursYear: "Ambulance-hours/year",
    operatorHoursYear: "AMK operator-hours/year",
    unavailable: "Unavailable time (all vehicles)",
    unavailableNote: (days) =>
      `Vehicle-hours over ${days} simulated days (mean per replication); "per year" scales to 365.25 days. Unavailable = on duty but unable to take a job: cleaning and restocking after a mission, a meal break, or out of service (defect or sickness). It counts neither as busy (utilisation counts missions only) nor as available. Refused at end of shift: yellow and green incidents a unit passed over in the last minutes of its shift (each incident once).`,
    cleaningHours: "Cleaning (h)",
    breakHours: "Meal break (h)",
    outOfServiceHours: "Out of service (h)",
    unavailableHoursYear: "Unavailable h/year",
    ofOnDuty: "Of on-duty time",
    breaksTakenInterruptedSkipped: "Breaks taken / interrupted / skipped",
    refusedEndOfShift: "Refused at end of shift",
    refusedEndOfShiftYear: "Refused at end of shift/year",
    costYear: "Cost/year",
    total: "Total",
    fromOwner: "Vehicle owner",
    intoArea: "Area's trust",
    missions: "Missions",
    redMissions: "Red missions",
    population: "Population",
    areaKm2: "Area (km²)",
    change: "Change",
    setting: "Setting",
    notInVariant: "not in variant",
    minutes: "min",
    percentagePoints: "pp",
    legend: "Legend",
    faster: "faster",
    slower: "slower",
    allAreas: "All areas",
    optimisation: {
      sitingTitle: (station) => `Optimisation: best site of ${station} (MIP over every allowed zone, judged by simulation)`,
      sitingNote: (f) =>
        `Variant ${f.variant}. The station's site chosen by the MEXCLP model (Daskin 1983; docs/optimisation.md) among all ${f.zones} zones of ${f.areas} that its owner (${f.owner}) is responsible for, every other station and vehicle as in the variant, border rule ${f.borderRule}; busy fraction q = ${f.busyFraction} (ASSUMPTION); HiGHS ${f.solveSec} s. The model's best sites (the optimum, then next best by no-good cuts) are then simulated with the hand-picked sites on the same seeds (${f.replications} replications), red urgency. Differences are paired, with Bonferroni-adjusted intervals: against the default site ${f.levelDefault} each, against the best ${f.levelBest}, per area ${f.levelAreas}; "*": the interval excludes 0, the difference is real.`,
      sitingAreasTitle: (station) => `Optimisation: ${station}, the focus areas against the default site`,
      site: "Site",
      source: "Source",
      sources: { default: "default (the variant's file)", "hand-picked": "hand-picked", mip: (rank) => `MIP no. ${rank}` },
      mipObjective: "MEXCLP coverage",
      simulatedRank: "Rank (simulated)",
      shareAll: "Share within target, all areas",
      share: "Share within target",
      deltaShareVsDefault: "Δ share vs default (pp)",
      deltaMedianVsDefault: "Δ median vs default (min)",
      vsBest: "Against the best",
      real: "Real",
      verdicts: { better: "better", worse: "worse", "not distinguishable": "not distinguishable" },
      standbyTitle: "Optimisation: an optimised standby plan given to every variant (its own factor)",
      standbyNote: (policy, replications, overall, areas) =>
        `Every variant with and without the same optimised standby rule (${policy}: dynamic MEXCLP, Jagtenberg, van der Mei and Bhulai 2015; a freed ambulance goes to the station or standby point of its own organisation where it adds most expected coverage), so no variant wins by a measure only it has. Red urgency, ${replications} replications on the same seeds; "with − without" paired, all areas at level ${overall}, per area Bonferroni-adjusted to ${areas}; "*": the interval excludes 0.`,
      replaced: "Replaces",
      shareWithout: "Share within target without",
      shareWith: "… with",
      deltaShareWith: "Δ share, with − without (pp)",
      deltaMedianWith: "Δ median, with − without (min)",
      togetherTitle: "Optimisation: the alternatives against today, all with the optimised standby plan",
      togetherNote: (policy, replications, overall, areas) =>
        `Every variant with the same standby rule (${policy}), ${replications} replications on the same seeds; paired difference from today's system with the rule. Bonferroni-adjusted: all areas ${overall} each, per area ${areas}; "*": the interval excludes 0. This compares the alternatives without measures only some of them have.`,
      fleetTitle: "Optimisation: the fleet each alternative needs to keep every area at today's level (fleet MIP)",
      fleetNote: (f) =>
        `The fleet-and-shifts MIP (docs/optimisation.md "Keeping today's level") per alternative: its stations, owners and border rule; each area's target in each hour of the week is its expected coverage today (MEXCLP; the first ${f.levels} vehicles in reach counted) with today's roster (${f.todayHours} ambulance-hours a week) and the busy fraction q measured in today's simulation (${f.busyToday} by hour of the day). Each plan is simulated against today (${f.replications} replications, the same seeds); when it does not keep today's level the MIP is solved again with the q measured in that plan's simulation, and the targets of every area that got really worse close a further ${f.step} of their gap to what the stations can reach; after the first confirmed plan the step is bisected between the last failing and the last confirmed plan (q as in the confirmed one); at most ${f.maxIterations} plans, stopping when a plan repeats. The answer is the confirmed plan with the fewest hours. A zone with more ambulances in reach today than the levels counted keeps that many. Shifts: ${f.shifts}; at most ${f.cap} ambulances at once per station. HiGHS stops within ${f.gap} of the fewest hours possible or after ${f.timeLimit} s. An hour's target the alternative cannot reach even with ${f.cap} at every station is lowered to what it can reach, and shown. Each plan against today alone: all areas ${f.levelOverall}, per area ${f.levelAreas} (Bonferroni over the areas).`,
      rosteredHoursWeek: "Rostered today (h/week)",
      planHoursWeek: "MIP plan (h/week)",
      answerHoursWeek: "Answer: fewest hours confirmed (h/week)",
      planDifference: "Difference (h/week)",
      confirmedBySimulation: "Confirmed by the simulation",
      confirmedText: (plan, plans) => `yes, plan ${plan} of ${plans}`,
      notConfirmedText: (plans, stop, best) => `not confirmed after ${plans} plans (${stop}); closest to today: plan ${best}`,
      stops: { confirmed: "confirmed", "max-iterations": "most plans reached", repeated: "the plan repeated", "no-plan": "the MIP found no plan" },
      fleetIterationsTitle: "Optimisation: the fleet MIP iterated with the simulation, plan by plan",
      plan: "Plan",
      busyAssumed: "q in the MIP (lowest–highest)",
      raisedAreas: "Targets raised (share of the gap to reach closed)",
      busyMeasured: "q measured in the simulation",
      sameAsPlan: (plan) => `same as plan ${plan}`,
      solver: "HiGHS",
      statuses: { optimal: "optimal", "time-limit": "time limit (best found)", infeasible: "no plan", unbounded: "unbounded", error: "error" },
      lowered: "Lowered targets",
      loweredText: (area, points, hours) => `${area}: up to ${points} p.p. in ${hours} h`,
      searchHoursYear: "Simulation search: added (h/year)",
      fleetStationsTitle: "Optimisation: the fleet MIP's plan by station",
      station: "Station",
      owner: "Owner",
      crewStarts: "Crews starting a shift (per week)",
      onDuty: "On duty (fewest–most)",
      fleetSimulatedTitle: "Optimisation: the fleet MIP's plans simulated against today",
      fleetSimulatedNote: (replications, overall, areas) =>
        `Each alternative with the fleet MIP's plan instead of its own ambulances, simulated on the comparison's first ${replications} seeds (common random numbers) against today; red urgency. Paired differences, Bonferroni-adjusted: all areas ${overall}, per area ${areas}; "*": the interval excludes 0. "Keeps today's level": neither the share within target nor the median is really worse (the interval reaches 0 or better), the simulation search's rule; for "all areas" both overall and in every focus area.`,
      shownPlan: (plan, confirmed) => (confirmed ? `plan ${plan} (confirmed)` : `plan ${plan} (closest, not confirmed)`),
      keepsToday: "Keeps today's level",
      medianWithPlan: "Median with the plan (min)",
      keeps: { yes: "yes", no: "no" },
      shareWithPlan: "Share within target, with the plan",
      deltaShareVsBaseline: "Δ share vs today (pp)",
      deltaMedianVsBaseline: "Δ median vs today (min)",
    },
    multiUnit: {
      title: "Incidents needing several ambulances, and joint operations with police and fire",
      note: (days) =>
        `Counts per replication over ${days} simulated days after warm-up; "/year" scales them to 365.25 days. The response time stays the first ambulance's; "last unit" is ring → the last needed ambulance at scene, over multi-unit incidents where all arrived. Extra unit-hours: extra ambulances' time from alert to free. Cancelled: extras still waiting when the first ambulance left the scene.`,
      incidents: (days) => `Incidents (${days} d)`,
      multiUnit: "Multi-unit",
      joint: "Joint operations",
      perYear: "/year",
      share: "Share",
      unitsPerIncident: "Ambulances per incident",
      lastUnitMean: "Last unit, mean",
      lastUnitP90: "Last unit, P90",
      extraUnitHours: "Extra unit-hours",
      cancelled: "Cancelled",
    },
    description: "Description",
    countPeriod: (days) => `per replication (${days} simulated days after warm-up)`,
    perYear: "per year",
    countsLine: (days) => `Every count (incidents, missions, calls) is per replication: ${days} simulated days after warm-up; × 365 / ${days} gives a year. Hours and costs are scaled to a year.`,
    factorial: "Organisation × resources × measures",
    factorialNote: (n) =>
      `Red urgency, paired difference against today's system with 95 % CI (${n} replications, the same seeds). Total: the alternative; organisation, resources and measures: the control variant holding only that part of the alternative (comparison.yaml factors); remainder: total minus the sum of the parts, i.e. their interaction. "–": the part is not in the alternative. The standby point Bekkestua is in every variant.`,
    factorNames: { organisation: "Organisation", resources: "Resources", measures: "Measures" },
    factorTotal: "Total",
    remainder: "Remainder (interaction)",
    notPartOfAlternative: "–",
    figure: "Figure",
    fleetNeeded: "Fleet needed to keep today's level",
    fleetNeededNote: (search, confirm, steps) =>
      `The fewest added ambulance-hours with which every focus area's red median and share within 12 min are no worse than today (the 95 % CI of the difference reaches 0 or better). Greedy search: one ambulance at a time (day 07–19 or round the clock) at the alternative's own stations, the one that improves most per ambulance-hour, or the one with the fewest hours that alone meets the rule; ${search} replications per trial, at most ${steps} ambulances; confirmed with ${confirm} replications. A coarse search: it finds a sufficient addition, not necessarily the smallest.`,
    added: "Added",
    noneAdded: "none",
    fleetShiftNames: { day: "day 07–19", roundTheClock: "round the clock" },
    searchMet: "Found in search",
    confirmed: "Confirmed",
    yes: "yes",
    no: "no",
    atStation: "at",
    referenceRate: "at SSB level",
    referenceNote: (arithmetic, source, rate, assumed) => `Check of the hourly rate: ${arithmetic} = ${rate} per ambulance-hour at SSB's cost level (air ambulance and overheads included), against the assumed ${assumed}. Source: ${source}.`,
    transitionCosts: "Transition costs (one-off)",
    transitionNote: "One-off costs of changing operator, not in the yearly cost above. ASSUMPTIONS; the reasoning is in comparison.yaml and README.md.",
    item: "Item",
    source: "Source",
    amount: "Amount",
  },
};

export function dictionary(language: Language = "en"): Dictionary {
  const d = DICTIONARIES[language];
  if (!d) throw new RangeError(`unknown language "${String(language)}"; use "nb" or "en"`);
  return d;
}
