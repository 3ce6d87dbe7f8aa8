/** Every text of the page in bokmål (first) and English; `data-i18n` elements are filled from here. */
export type Lang = "nb" | "en";

const nb = {
  // header, layout and connection
  skip: "Hopp til panelet", tagline: "Planlegging av ambulansetjenesten", language: "Språk", contents: "Innhold", map: "Kart",
  connLost: "Mistet forbindelsen med serveren. Siden prøver igjen av seg selv; framdrift og resultater kommer når serveren svarer.",
  connBack: "Forbindelsen med serveren er tilbake.",
  authNeeded: "Serveren krever en tilgangsnøkkel (token). Åpne siden med lenken serveren skrev ut, den som slutter på #token=…, eller legg til #token=<nøkkel> i adressen.",
  loadFailed: "Siden kunne ikke lastes:", waitingForServer: "Venter på serveren …", jobGone: "jobben finnes ikke lenger på serveren",
  // what went wrong at the server, by the error code it sends (errors.ts); its own message is English
  "err-network": "Fikk ikke kontakt med serveren.", "err-unauthorized": "Serveren krever en gyldig tilgangsnøkkel.", "err-not-found": "Finnes ikke (lenger) på serveren.",
  "err-conflict": "Går ikke nå: det er i konflikt med det som finnes eller kjører.", "err-invalid-scenario": "Scenarioet har feil.", "err-bad-request": "Serveren avviste forespørselen.",
  "err-payload-too-large": "Forespørselen er for stor.", "err-unavailable": "Serveren er opptatt; prøv igjen litt senere.", "err-internal": "Feil på serveren; se serverloggen.", "err-other": "Serveren svarte med en feil.",
  // scenario and variants
  scenario: "Scenario", chooseScenario: "Velg scenario", loadingScenario: "Laster scenarioet …", openFailed: "Kunne ikke åpne:", basedOn: "bygger på",
  rename: "Gi nytt navn", newName: "Nytt navn", saveName: "Lagre navnet", renamed: "Nytt navn:", renameRefused: "Navnet kunne ikke endres.", renameUnavailable: "Denne serveren kan ikke endre navn på varianter ennå.",
  deleteVariant: "Slett varianten", delete: "Slett", deleteQuestion: "Slette varianten", deleteIrreversible: "Det kan ikke angres.", deleted: "Slettet", deleteRefused: "Varianten kan ikke slettes; andre varianter bygger på den.", deleteUnavailable: "Denne serveren kan ikke slette varianter ennå.",
  variantChanges: "Hva varianten endrer", comparedWith: "Endringer mot", changesUnavailable: "Denne serveren kan ikke vise endringene ennå.", noDifferences: "Ingen forskjeller.",
  "change-added": "lagt til", "change-removed": "fjernet", "change-changed": "endret",
  // stations and vehicles
  stations: "Stasjoner", vehicles: "Kjøretøy", vehicle: "Kjøretøy", type: "Type", shifts: "Vakter", count: "Antall", lat: "Breddegrad", lon: "Lengdegrad",
  move: "Flytt stasjonen", dragHint: "Du kan også dra stasjonen på kartet.", addStation: "Legg til stasjon", name: "Navn", ambulances: "Ambulanser (døgnbemannet)", add: "Legg til",
  addVehicle: "Legg til kjøretøy på stasjonen", addVehicleButton: "Legg til kjøretøy", vehicleAdded: "Lagt til:", errVehicleCount: "Antall må være et helt tall fra 1 til 20.",
  "vt-ambulance": "ambulanse", "vt-akuttbil": "akuttbil", "vt-doctor-car": "legebil", "vt-sick-transport": "syketransport",
  "preset-all": "Hele døgnet", "preset-day": "Dag, alle dager 07–19", "preset-night": "Natt, alle dager 19–07", "preset-weekdays": "Hverdager 08–16",
  owner: "Eier", newVehicle: "ny", hospital: "Sykehus", standby: "Beredskapspunkt", zone: "Sone",
  inWater: "Plasseringen er i sjøen eller i et vann. Velg et sted på land; ingenting er flyttet.",
  showDriveTimes: "Vis kjøretid herfra (8, 12 og 25 min)", hideDriveTimes: "Skjul kjøretidene", driveLoading: "Regner ut kjøretider …", driveFrom: "Kjøretid med blålys fra",
  driveNote: "Herfra til midten av hver sone med utrykningsfart; reisetidsmodell:", driveUnavailable: "Denne serveren kan ikke regne ut kjøretider ennå.", driveFailed: "Kjøretidene kunne ikke regnes ut:",
  noRoute: "ingen veg", zonesLower: "soner",
  // shifts
  editShifts: "Endre vakter", closeShifts: "Lukk", shiftsFor: "Vakter for", addShift: "Legg til vakt", allDay: "Hele døgnet (ingen vakter)", removeShift: "Fjern",
  days: "Dager", "days-all": "alle dager", "days-weekdays": "hverdager (man–fre)", "days-weekend": "helg (lør–søn)", "days-list": "valgte dager", start: "Start", end: "Slutt", shiftNo: "vakt",
  dayNames: "man,tir,ons,tor,fre,lør,søn", shiftsChanged: "vakter", shiftAll: "hele døgnet", hhmm: "TT:MM",
  // standby points and relocation
  standbyPoints: "Beredskapspunkter", noStandby: "Scenarioet har ingen beredskapspunkter.", moveStandby: "Flytt beredskapspunktet", dragStandbyHint: "Du kan også dra punktet på kartet.", addStandby: "Legg til beredskapspunkt",
  relocation: "Mellom oppdrag", relocationRule: "Ledige ambulanser kjører til", "rel-return-home": "Hjemstasjonen (return-home)", "rel-standby-points": "Beredskapspunkter (standby-points)",
  coverageSec: "Dekket innen (sekunder)", maxTravelSec: "Kjør høyst (sekunder)", pointsHint: "Punktene i prioritert rekkefølge; tidsrom (TT:MM–TT:MM) er valgfritt.",
  usePoint: "Bruk", moveUp: "Flytt opp", moveDown: "Flytt ned", activeFrom: "Aktiv fra", activeTo: "til", noPointsUsed: "Velg minst ett beredskapspunkt.",
  standbyMoved: "beredskapspunkt flyttet", relocationChanged: "flytting mellom oppdrag",
  // policy, demand, AMK, hospitals
  policy: "Samarbeid over grensene", crossBorder: "Andre foretaks enheter", "cb-nearest": "Nærmeste uansett eier", "cb-own-first": "Egne først", "cb-own-only": "Bare egne (bistand etter koordinering)",
  interAmk: "Koordinering mellom AMK (sekunder)",
  demandAndAmk: "Etterspørsel og AMK", demand: "Etterspørsel", growthFactor: "vekstfaktor", growthFactorLabel: "Vekstfaktor (1 = som i scenarioet)", growthSame: "Som i scenarioet.", growthVsScenario: "hendelser mot scenarioet",
  growthPerYear: "Vekst per år (%)", growthYears: "Antall år", growthApply: "Regn ut vekstfaktoren",
  amkStaffing: "AMK-bemanning", amkHint: "Operatører på vakt per skift; vaktene kan overlappe.", operators: "Operatører", operatorsPerShift: "operatører per vakt", staffing: "bemanning",
  hospitals: "Sykehus", hospitalsHint: "Hva hvert sykehus tar imot; pasienter som trenger noe, kjøres til nærmeste sykehus som har det.", noHospitals: "Scenarioet har ingen sykehus.",
  capabilitiesCaption: "Hva sykehusene tar imot", noCapabilities: "ingenting",
  "cap-general": "generelt", "cap-stroke": "hjerneslag", "cap-trauma": "traume", "cap-pci": "PCI (hjerteinfarkt)",
  // validation
  errEmptyShift: "Tom vakt: start og slutt er like. Hele døgnet skrives 00:00–24:00.", errOverlap: "Vakten overlapper vakt", errOverlapTail: "; et kjøretøy kan bare ha én vakt om gangen.", errOverlapSelf: "Vakten overlapper seg selv i uka.", errClock: "Skriv klokkeslett som TT:MM (00:00–23:59; slutt kan være 24:00).",
  errGrowth: "Vekstfaktoren må være et tall større enn 0 og høyst 10 (1 = som i dag).", errGrowthHelper: "Skriv vekst per år i prosent (over −100) og et helt antall år fra 0 til 50.",
  errOperators: "Antall operatører må være et helt tall fra 1 til 500.", errNoOperatorShift: "AMK-en må ha minst én vakt.", errNoHospitalFor: "Ingen sykehus tar imot pasienter som trenger",
  errNameRequired: "Skriv et navn.", errDuplicateId: "Id-en finnes fra før:", errUnknownStation: "Ukjent stasjon", errRequired: "Feltet mangler.", errAtLeast: "Må ha minst", errTooSmall: "Tallet er for lite.",
  errZonesFile: "Serveren fant ikke sonefila til scenarioet (en feil på serveren); varianten ble ikke lagret.", line: "linje",
  // saving
  saveVariant: "Lagre som variant", saveShort: "Lagre", variantName: "Navn på varianten", save: "Lagre variant",
  noChanges: "Ingen endringer ennå.", changes: "Endringer", moved: "flyttet", added: "ny", fleet: "flåte", saved: "Lagret som", invalid: "Varianten er ikke gyldig:",
  unsaved: "Endringene er ikke lagret; de kjøres først når du lagrer en variant.", waitForScenario: "Vent til scenarioet er lastet, og lagre så.", nameTaken: "En variant med det navnet lagres eller finnes allerede.",
  // runs and results
  run: "Kjør simulering", runShort: "Kjør", replications: "Replikasjoner", seed: "Frø", runButton: "Kjør", cancel: "Avbryt", progress: "Framdrift", results: "Resultater",
  running: "Kjører", done: "Ferdig", failed: "Feilet", cancelled: "Avbrutt", queued: "I kø", of: "av",
  colourBy: "Farg kartet etter", "fig-median": "Median responstid, rød", "fig-share": "Andel innen mål, rød",
  runOf: "Resultater for", period: "Simulert periode", daysUnit: "døgn", warmUpA: "de første", warmUpB: "døgnene er innsvingning og ikke med i tallene", replicationsLower: "replikasjoner", seedLower: "frø", travelModel: "reisetider",
  responseByArea: "Responstid per område", ci: "KI", area: "Område", urgency: "Hastegrad", incidents: "Hendelser", median: "Median", p90: "90-persentil", target: "Mål", withinTarget: "Innen mål",
  targetNote: "Mål for røde hendelser: 90 % innen 12 min i tettbygde og 25 min i grisgrendte kommuner; for gule 90 % innen 30 og 40 min (St.meld. 43 (1999–2000)). Grønn har ikke noe nasjonalt mål.",
  transports: "Overflyttinger og bestilte transporter", "tg-urgentTransfer": "Hasteoverflyttinger", "tg-bookedTransfer": "Bestilte overflyttinger", "tg-booked": "Bestilte transporter",
  requestsPeriod: "Bestillinger i perioden", requestsYear: "Per år", onTime: "Hentet i rute", lateness: "Forsinkelse, snitt (min)", simpleVehicle: "Med enkel bil", ambulanceHoursYear: "Ambulansetimer/år",
  transportsNote: "Telles for seg: responstidene over gjelder bare akutte hendelser (113). I rute: hentet innen tidsvinduets slutt. Enkel bil: alle typer unntatt ambulanse.",
  red: "rød", yellow: "gul", green: "grønn", min: "min", histogram: "Responstid, fordeling (hendelser per replikasjon)", hourly: "Median responstid, rød, etter time på døgnet (95 % KI)",
  hour: "Time", minutes: "minutter", noData: "ingen data",
  utilByOwner: "Utnyttelse av kjøretøy etter eier (95 % KI)", utilByVehicle: "Utnyttelse per kjøretøy (95 % KI)", organisation: "Eier", utilisation: "Utnyttelse", missions: "Oppdrag", station: "Stasjon",
  amkTable: "AMK (95 % KI)", amk: "AMK", calls: "Anrop", answered10: "Besvart innen 10 s", lostCalls: "Tapte anrop", operatorUtil: "Operatørbelastning", total: "Alle",
  muTable: "Hendelser med flere ambulanser og samarbeid med politi og brann (95 % KI)", muPeriod: "simulerte dager etter innsvinget; «/år» er omregnet til 365,25 dager", muMulti: "Flere ambulanser", muJoint: "Samarbeid politi/brann", perYear: "/år", share: "Andel", muUnits: "Ambulanser per hendelse", muLastUnit: "Siste enhet, snitt (min)", muExtraHours: "Ekstra enhetstimer",
  legendRun: "Områdene er farget etter rapportens tall (konfidensintervall i tabellen). Sirklene (soner) viser røde hendelser slått sammen over alle replikasjoner, uten konfidensintervall – bare en pekepinn; soner med færre enn 10 slike hendelser er grå.",
  legendDiff: "Områdene viser forskjellen i median responstid (rød) mot utgangspunktet; sonene er ikke med i sammenligningen.",
  // comparison and export
  compare: "Sammenlign", compareWhich: "Varianter (den første er utgangspunktet)", compareButton: "Sammenlign", chooseTwo: "Velg minst to varianter.",
  compareYears: "Framskrevet til år (valgfritt)", badYears: "Skriv opptil fem årstall med komma mellom, f.eks. 2035, 2050.",
  projTable: "Framskriving: andel røde innen 12 min per år (95 % KI); flåten som i dag", projFirst: "Første år under 90 %", projNone: "ingen", projVariant: "Variant",
  projectYear: "Etterspørselen framskrevet til år", projectButton: "Lagre framskrevet variant", projected: "Lagret",
  diffTable: "Forskjeller mot utgangspunktet (95 % KI, parvise)", diffMedian: "Δ median", diffShare: "Δ innen 12 min", points: "prosentpoeng", ciExcludesZero: "KI utelukker 0",
  diffMap: "Kartet viser Δ median responstid (rød) for", faster: "raskere", slower: "tregere",
  report: "Rapport", openNb: "åpne (bokmål)", openEn: "åpne (engelsk)", exportNb: "last ned (bokmål)", exportEn: "last ned (engelsk)",
  // optimise (optimise.ts)
  optimise: "Optimer plassering", optimiseModel: "Modell", optimiseVehicles: "Ambulanser som plasseres", optimiseZones: "Mulige plasser", "zones-none": "Stasjonene og beredskapspunktene", "zones-all": "Også midten av hver sone",
  optimisePlans: "Beste planer som simuleres", optimiseFixed: "Stasjoner som beholdes", optimiseTrusts: "Ambulanser per helseforetak (minst, høyst)", atLeast: "minst", atMost: "høyst", optimiseButton: "Optimer og simuler",
  badVehicles: "Antall ambulanser må være et helt tall fra 1 til 200.", badTrustBounds: "Grensene per helseforetak må være hele tall fra 0 til 200.",
  optimiseSiting: "Løst med HiGHS", rankingCaption: "Planene rangert etter simulert andel røde innen responstidsmålet, med parvise forskjeller (felles tilfeldige tall)",
  rank: "Rang", plan: "Plan", today: "I dag", vsBest: "Mot beste (prosentpoeng)", vsToday: "Mot i dag (prosentpoeng)", verdict: "Mot i dag", best: "beste", better: "bedre", worse: "dårligere", notDistinguishable: "ikke påviselig",
  saveAsVariant: "Lagre som variant", optimised: "Optimert", nameNeeded: "Gi varianten et navn.",
  optimiseMapNote: "Kartet viser plassene den beste planen bruker (grønne ringer, større med flere ambulanser) sammen med dagens stasjoner.", "sym-optimised": "Plass i den beste planen",
  // workspace
  workspace: "Tidligere kjøringer", refresh: "Oppdater listene", runs: "Simuleringer", comparisons: "Sammenligninger", show: "Vis", noRuns: "Ingen simuleringer ennå.", noComparisons: "Ingen sammenligninger ennå.",
  // map
  mapUnavailable: "Kartet kan ikke vises (WebGL mangler); resten av siden virker.", boundaryNote: "Grenser: © Kartverket, © Oslo kommune.", roadsNote: "Veger:", basemapNote: "Bakgrunn:",
  layers: "Kartlag", basemap: "Bakgrunnskart", roads: "Veger", zones: "Soner", basemapMissing: "Bakgrunnskartet er ikke tilgjengelig på denne serveren.", closePopup: "Lukk",
  symbols: "Tegnforklaring", "sym-station": "Ambulansestasjon", "sym-edited": "Endret eller ny stasjon", "sym-standby": "Beredskapspunkt", "sym-hospital": "Sykehus eller legevakt", "sym-zone": "Sone (etterspørsel)",
  "sym-major": "Europa- og riksveg", "sym-road": "Annen veg", "sym-ferry": "Ferje", "sym-boundary": "Kommune- eller bydelsgrense", "sym-water": "Sjø og innsjø", "sym-builtup": "Tettbebyggelse", "sym-place": "Kommune og tettsted",
  // quality indicators (indicators.ts)
  indicators: "Kvalitetsindikatorer", indicatorsShort: "Indikatorer", indHint: "Nasjonale kvalitetsindikatorer fra datalageret med oppdrag (akutt data import). Kommunenes klasse (tettbygd/grisgrendt), helseforetakene og navnene tas fra scenarioet som vises.",
  indIndicator: "Indikator", indBy: "Per", indGroup: "Gruppert etter", indShow: "Vis indikatoren", indLoading: "Henter indikatoren …", indPeriod: "Periode", indClass: "Klasse", indEvents: "Hendelser",
  indUnknown: "(ukjent)", indNone: "Ingen hendelser i datalageret for denne indikatoren.", indCsv: "Last ned CSV (med skjulte små tall)", indClassesFrom: "Klasser, helseforetak og navn fra scenarioet",
  indNoScenario: "Uten scenario er kommunenes klasse ukjent.", indSuppressed: "Rader med færre enn 5 hendelser er skjult (<5) for å verne personopplysninger.",
  indNoWarehouse: "Serveren har ikke noe datalager. Importer et uttrekk med akutt data import og start serveren med --warehouse.",
} as const;
export type Key = keyof typeof nb;

const en: Record<Key, string> = {
  skip: "Skip to the panel", tagline: "Planning prehospital services", language: "Language", contents: "Contents", map: "Map",
  connLost: "Lost the connection to the server. The page keeps trying; progress and results follow when the server answers.",
  connBack: "The connection to the server is back.",
  authNeeded: "The server needs an access token. Open the page with the link the server printed, the one ending in #token=…, or add #token=<token> to the address.",
  loadFailed: "The page could not load:", waitingForServer: "Waiting for the server …", jobGone: "the job no longer exists on the server",
  "err-network": "Could not reach the server.", "err-unauthorized": "The server needs a valid access token.", "err-not-found": "Not found on the server (any more).",
  "err-conflict": "Not possible now: it conflicts with what exists or is running.", "err-invalid-scenario": "The scenario has errors.", "err-bad-request": "The server refused the request.",
  "err-payload-too-large": "The request is too large.", "err-unavailable": "The server is busy; try again a little later.", "err-internal": "Server error; see the server log.", "err-other": "The server answered with an error.",
  scenario: "Scenario", chooseScenario: "Choose scenario", loadingScenario: "Loading the scenario …", openFailed: "Could not open:", basedOn: "based on",
  rename: "Rename", newName: "New name", saveName: "Save the name", renamed: "Renamed to", renameRefused: "The name could not be changed.", renameUnavailable: "This server cannot rename variants yet.",
  deleteVariant: "Delete the variant", delete: "Delete", deleteQuestion: "Delete the variant", deleteIrreversible: "This cannot be undone.", deleted: "Deleted", deleteRefused: "The variant cannot be deleted; other variants build on it.", deleteUnavailable: "This server cannot delete variants yet.",
  variantChanges: "What the variant changes", comparedWith: "Changes from", changesUnavailable: "This server cannot show the changes yet.", noDifferences: "No differences.",
  "change-added": "added", "change-removed": "removed", "change-changed": "changed",
  stations: "Stations", vehicles: "Vehicles", vehicle: "Vehicle", type: "Type", shifts: "Shifts", count: "Count", lat: "Latitude", lon: "Longitude",
  move: "Move the station", dragHint: "You can also drag the station on the map.", addStation: "Add a station", name: "Name", ambulances: "Ambulances (24/7)", add: "Add",
  addVehicle: "Add a vehicle to the station", addVehicleButton: "Add the vehicle", vehicleAdded: "Added:", errVehicleCount: "The count must be a whole number from 1 to 20.",
  "vt-ambulance": "ambulance", "vt-akuttbil": "rapid-response car (akuttbil)", "vt-doctor-car": "doctor car", "vt-sick-transport": "patient transport",
  "preset-all": "Around the clock", "preset-day": "Day, every day 07–19", "preset-night": "Night, every day 19–07", "preset-weekdays": "Weekdays 08–16",
  owner: "Owner", newVehicle: "new", hospital: "Hospital", standby: "Standby point", zone: "Zone",
  inWater: "That position is in the sea or a lake. Choose a place on land; nothing was moved.",
  showDriveTimes: "Show drive times from here (8, 12 and 25 min)", hideDriveTimes: "Hide the drive times", driveLoading: "Working out drive times …", driveFrom: "Blue-light drive time from",
  driveNote: "From here to the centre of each zone at emergency speed; travel model:", driveUnavailable: "This server cannot work out drive times yet.", driveFailed: "The drive times could not be worked out:",
  noRoute: "no road", zonesLower: "zones",
  editShifts: "Edit shifts", closeShifts: "Close", shiftsFor: "Shifts of", addShift: "Add a shift", allDay: "24/7 (no shifts)", removeShift: "Remove",
  days: "Days", "days-all": "every day", "days-weekdays": "weekdays (Mon–Fri)", "days-weekend": "weekend (Sat–Sun)", "days-list": "chosen days", start: "Start", end: "End", shiftNo: "shift",
  dayNames: "Mon,Tue,Wed,Thu,Fri,Sat,Sun", shiftsChanged: "shifts", shiftAll: "24/7", hhmm: "HH:MM",
  standbyPoints: "Standby points", noStandby: "The scenario has no standby points.", moveStandby: "Move the standby point", dragStandbyHint: "You can also drag the point on the map.", addStandby: "Add a standby point",
  relocation: "Between missions", relocationRule: "Free ambulances go to", "rel-return-home": "Their home station (return-home)", "rel-standby-points": "Standby points (standby-points)",
  coverageSec: "Covered within (seconds)", maxTravelSec: "Drive at most (seconds)", pointsHint: "The points in order of preference; a time window (HH:MM–HH:MM) is optional.",
  usePoint: "Use", moveUp: "Move up", moveDown: "Move down", activeFrom: "Active from", activeTo: "to", noPointsUsed: "Choose at least one standby point.",
  standbyMoved: "standby point moved", relocationChanged: "between missions",
  policy: "Cross-border cooperation", crossBorder: "Other trusts' units", "cb-nearest": "Nearest regardless of owner", "cb-own-first": "Own first", "cb-own-only": "Own only (mutual aid after coordination)",
  interAmk: "Coordination between AMKs (seconds)",
  demandAndAmk: "Demand and AMK", demand: "Demand", growthFactor: "growth factor", growthFactorLabel: "Growth factor (1 = as in the scenario)", growthSame: "As in the scenario.", growthVsScenario: "incidents compared with the scenario",
  growthPerYear: "Growth per year (%)", growthYears: "Years", growthApply: "Work out the growth factor",
  amkStaffing: "AMK staffing", amkHint: "Operators on duty per shift; shifts may overlap.", operators: "Operators", operatorsPerShift: "operators per shift", staffing: "staffing",
  hospitals: "Hospitals", hospitalsHint: "What each hospital takes; patients who need something go to the nearest hospital that has it.", noHospitals: "The scenario has no hospitals.",
  capabilitiesCaption: "What the hospitals take", noCapabilities: "nothing",
  "cap-general": "general", "cap-stroke": "stroke", "cap-trauma": "trauma", "cap-pci": "PCI (heart attack)",
  errEmptyShift: "Empty shift: start and end are the same. For 24 hours write 00:00–24:00.", errOverlap: "The shift overlaps shift", errOverlapTail: "; a vehicle can be on one shift at a time.", errOverlapSelf: "The shift overlaps itself in the week.", errClock: "Write times as HH:MM (00:00–23:59; an end may be 24:00).",
  errGrowth: "The growth factor must be a number above 0 and at most 10 (1 = as today).", errGrowthHelper: "Write the growth per year in per cent (above −100) and a whole number of years from 0 to 50.",
  errOperators: "The number of operators must be a whole number from 1 to 500.", errNoOperatorShift: "The AMK needs at least one shift.", errNoHospitalFor: "No hospital takes patients who need",
  errNameRequired: "Write a name.", errDuplicateId: "The id is already in use:", errUnknownStation: "Unknown station", errRequired: "The field is missing.", errAtLeast: "Needs at least", errTooSmall: "The number is too small.",
  errZonesFile: "The server could not find the scenario's zones file (a server fault); the variant was not saved.", line: "line",
  saveVariant: "Save as a variant", saveShort: "Save", variantName: "Name of the variant", save: "Save variant",
  noChanges: "No changes yet.", changes: "Changes", moved: "moved", added: "new", fleet: "fleet", saved: "Saved as", invalid: "The variant is not valid:",
  unsaved: "Changes are not saved; they are run once you save a variant.", waitForScenario: "Wait until the scenario has loaded, then save.", nameTaken: "A variant with that name is being saved or exists already.",
  run: "Run a simulation", runShort: "Run", replications: "Replications", seed: "Seed", runButton: "Run", cancel: "Cancel", progress: "Progress", results: "Results",
  running: "Running", done: "Done", failed: "Failed", cancelled: "Cancelled", queued: "Queued", of: "of",
  colourBy: "Colour the map by", "fig-median": "Median response time, red", "fig-share": "Share within target, red",
  runOf: "Results for", period: "Simulated period", daysUnit: "days", warmUpA: "the first", warmUpB: "days are warm-up, not counted", replicationsLower: "replications", seedLower: "seed", travelModel: "travel times",
  responseByArea: "Response time by area", ci: "CI", area: "Area", urgency: "Urgency", incidents: "Incidents", median: "Median", p90: "90th pct", target: "Target", withinTarget: "Within target",
  targetNote: "Target for red incidents: 90 % within 12 min in urban (tettbygd) and 25 min in rural (grisgrendt) municipalities; for yellow 90 % within 30 and 40 min (St.meld. 43 (1999–2000)). Green has no national target.",
  transports: "Transfers and booked transports", "tg-urgentTransfer": "Urgent transfers", "tg-bookedTransfer": "Booked transfers", "tg-booked": "Booked transports",
  requestsPeriod: "Requests in the period", requestsYear: "Per year", onTime: "Picked up on time", lateness: "Lateness, mean (min)", simpleVehicle: "By simple vehicle", ambulanceHoursYear: "Ambulance-hours/year",
  transportsNote: "Counted apart: the response times above are over emergency (113) incidents only. On time: picked up by the window's end. Simple vehicle: any type but ambulance.",
  red: "red", yellow: "yellow", green: "green", min: "min", histogram: "Response time distribution (incidents per replication)", hourly: "Median response time, red, by hour of day (95 % CI)",
  hour: "Hour", minutes: "minutes", noData: "no data",
  utilByOwner: "Vehicle utilisation by owner (95 % CI)", utilByVehicle: "Utilisation per vehicle (95 % CI)", organisation: "Owner", utilisation: "Utilisation", missions: "Missions", station: "Station",
  amkTable: "AMK (95 % CI)", amk: "AMK", calls: "Calls", answered10: "Answered within 10 s", lostCalls: "Lost calls", operatorUtil: "Operator utilisation", total: "All",
  muTable: "Incidents needing several ambulances, and joint operations with police and fire (95 % CI)", muPeriod: "simulated days after warm-up; \"/year\" scales to 365.25 days", muMulti: "Multi-unit", muJoint: "Joint operations", perYear: "/year", share: "Share", muUnits: "Ambulances per incident", muLastUnit: "Last unit, mean (min)", muExtraHours: "Extra unit-hours",
  legendRun: "Areas are coloured by the report's figures (confidence intervals in the table). The circles (zones) show red incidents pooled over all replications, without a confidence interval – a rough guide only; zones with fewer than 10 such incidents are grey.",
  legendDiff: "Areas show the difference in median response time (red) from the baseline; zones are not part of the comparison.",
  compare: "Compare", compareWhich: "Variants (the first is the baseline)", compareButton: "Compare", chooseTwo: "Choose at least two variants.",
  compareYears: "Projected to years (optional)", badYears: "Give up to five years separated by commas, e.g. 2035, 2050.",
  projTable: "Projection: red share within 12 min by year (95 % CI); fleet as today", projFirst: "First year below 90 %", projNone: "none", projVariant: "Variant",
  projectYear: "Demand projected to year", projectButton: "Save projected variant", projected: "Saved",
  diffTable: "Differences from the baseline (95 % CI, paired)", diffMedian: "Δ median", diffShare: "Δ within 12 min", points: "percentage points", ciExcludesZero: "CI excludes 0",
  diffMap: "The map shows Δ median response time (red) for", faster: "faster", slower: "slower",
  report: "Report", openNb: "open (bokmål)", openEn: "open (English)", exportNb: "download (bokmål)", exportEn: "download (English)",
  workspace: "Earlier runs", refresh: "Refresh the lists", runs: "Simulations", comparisons: "Comparisons", show: "Show", noRuns: "No simulations yet.", noComparisons: "No comparisons yet.",
  mapUnavailable: "The map cannot be shown (no WebGL); the rest of the page works.", boundaryNote: "Boundaries: © Kartverket, © Oslo kommune.", roadsNote: "Roads:", basemapNote: "Background:",
  layers: "Map layers", basemap: "Background map", roads: "Roads", zones: "Zones", basemapMissing: "The background map is not available on this server.", closePopup: "Close",
  optimise: "Optimise siting", optimiseModel: "Model", optimiseVehicles: "Ambulances to place", optimiseZones: "Candidate sites", "zones-none": "The stations and standby points", "zones-all": "Also the centre of every zone",
  optimisePlans: "Best plans to simulate", optimiseFixed: "Stations to keep", optimiseTrusts: "Ambulances per health trust (at least, at most)", atLeast: "at least", atMost: "at most", optimiseButton: "Optimise and simulate",
  badVehicles: "The number of ambulances must be a whole number from 1 to 200.", badTrustBounds: "The bounds per trust must be whole numbers from 0 to 200.",
  optimiseSiting: "Solved with HiGHS", rankingCaption: "Plans ranked by the simulated share of red incidents within the response target, with paired differences (common random numbers)",
  rank: "Rank", plan: "Plan", today: "Today", vsBest: "vs best (percentage points)", vsToday: "vs today (percentage points)", verdict: "vs today", best: "best", better: "better", worse: "worse", notDistinguishable: "not distinguishable",
  saveAsVariant: "Save as variant", optimised: "Optimised", nameNeeded: "Give the variant a name.",
  optimiseMapNote: "The map shows the sites the best plan uses (green rings, larger with more ambulances) together with today's stations.", "sym-optimised": "Site in the best plan",
  symbols: "Key", "sym-station": "Ambulance station", "sym-edited": "Changed or new station", "sym-standby": "Standby point", "sym-hospital": "Hospital or legevakt (A&E clinic)", "sym-zone": "Zone (demand)",
  "sym-major": "European and national road", "sym-road": "Other road", "sym-ferry": "Ferry", "sym-boundary": "Municipality or city-district boundary", "sym-water": "Sea and lakes", "sym-builtup": "Built-up area", "sym-place": "Municipality and town",
  indicators: "Quality indicators", indicatorsShort: "Indicators", indHint: "National quality indicators from the mission warehouse (akutt data import). The municipalities' class (tettbygd/grisgrendt), the health trusts and the names come from the scenario on screen.",
  indIndicator: "Indicator", indBy: "By", indGroup: "Grouped by", indShow: "Show the indicator", indLoading: "Fetching the indicator …", indPeriod: "Period", indClass: "Class", indEvents: "Events",
  indUnknown: "(unknown)", indNone: "No events in the warehouse for this indicator.", indCsv: "Download CSV (small counts suppressed)", indClassesFrom: "Classes, trusts and names from the scenario",
  indNoScenario: "Without a scenario the municipalities' class is unknown.", indSuppressed: "Rows with fewer than 5 events are suppressed (<5) to protect personal data.",
  indNoWarehouse: "The server has no warehouse. Import an extract with akutt data import and start the server with --warehouse.",
};

let current: Lang = (localStorage.getItem("akutt-lang") as Lang | null) === "en" ? "en" : "nb";
export const lang = (): Lang => current;
export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem("akutt-lang", next);
  document.documentElement.lang = next;
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) element.textContent = t(element.dataset.i18n as Key);
  document.getElementById("map")?.setAttribute("aria-label", t("map"));
}
export function t(key: Key): string {
  return current === "nb" ? nb[key] : en[key];
}
export function num(value: number, digits = 1): string {
  return value.toLocaleString(current === "nb" ? "nb-NO" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
export const has = (key: string): key is Key => key in nb;
export const capabilityName = (capability: string): string => (has(`cap-${capability}`) ? t(`cap-${capability}` as Key) : capability);
export const vehicleTypeName = (type: string): string => (has(`vt-${type}`) ? t(`vt-${type}` as Key) : type);
