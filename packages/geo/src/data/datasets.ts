/**
 * The datasets Akutt knows in the data directory (../shared/data), with the sha256 of the manifest
 * (its README and SHA256SUMS). A file whose checksum differs is reported as changed, not silently used.
 */
export interface DatasetEntry {
  /** Path relative to the data directory. */
  path: string;
  role: string;
  sha256: string;
}

export const DATASETS: readonly DatasetEntry[] = [
  { path: "geo/kommuner-2024.geojson", role: "municipality boundaries (2024)", sha256: "9971dd5a90ab3b9cf5212eb6ec7836c0d2c8dc42f3d8c212e77325bf15bb75ee" },
  { path: "geo/fylker-2024.geojson", role: "county boundaries (2024)", sha256: "a2fd390b798742c4531cb9c9a4bfc322f1376519642d9fc736a348328635bb6d" },
  { path: "geo/oslo-bydeler.geojson", role: "Oslo city-district boundaries", sha256: "da4a43a00d2b31b4c0952e9d482968a7cad8edff83e89abec15a8c9a896ca3d5" },
  { path: "geo/oslo-delbydeler.geojson", role: "Oslo sub-district boundaries", sha256: "e8425473e1b178c763665f65211f7671aa72081bb2b7b2217ab361c9969fb9ad" },
  { path: "population/kommune-age-2022.csv", role: "population by municipality and age, 2022", sha256: "2e0656919ed89511c65e42379566176e633f32a898568c2f1faf26052642809f" },
  { path: "population/oslo-bydel-age-2022.csv", role: "population by Oslo district and age, 2022", sha256: "6688410ebbd1707d5ac2e37c37e1df8d7e6ad3a37d37436c12bda53b3a960281" },
  { path: "population/kommune-code-changes-2020-2024.csv", role: "municipality code changes 2020-2024", sha256: "b05e772e67a87f206006580098722e0560976d902bec47e3f83f692e3ef0a1c2" },
  { path: "population/kommune-age-2026.csv", role: "population by municipality and age, 2026", sha256: "93b21997585f63ec404055be610237e257166c707c8c8d8eccc786afc924eaa4" },
  { path: "population/oslo-bydel-age-2026.csv", role: "population by Oslo district and age, 2026", sha256: "88d175983368cf9f7a16e476dfb1073cc3f9dd932a78716bd794a5ff19b18104" },
  { path: "population/kommune-totals-2005-2026.csv", role: "municipality totals 2005-2026", sha256: "a36f5efc60cd34490272c0a5fc015386090bcab92b21746d407668e045525e60" },
  { path: "population/oslo-bydel-totals-2005-2026.csv", role: "Oslo district totals 2005-2026", sha256: "46bdf806ab3863353b94d1d6ff488d294c6a18b2fdd1ff423543edf79eeb413f" },
  { path: "population/kommune-totals-2025.csv", role: "municipality population and area (SSB 1 Jan 2024)", sha256: "bcfe82054753654ad323256d1eab8a0f295d9eec9f0dd54b4681ec4dfe73a503" },
  { path: "population/oslo-grid-1km-2019.csv", role: "SSB 1 km grid, Oslo, 2019", sha256: "14d29862d64dbf4c741e550864fe3658e4a886c1d31ed1560595f472bd25c94c" },
  { path: "population/grid-250m-2015-hso.csv", role: "SSB 250 m grid, Helse Sør-Øst, 2015", sha256: "1abefd402e45273aefdcee430b02f9f1e665f037eceb25d24167a8eb3d79d6af" },
  { path: "population/grid-1km-2015-norway.csv", role: "SSB 1 km grid, Norway, 2015", sha256: "8499f58dca6153c121e259af88ef441e9b5db534a75c65c371e37cd33f565bd4" },
  { path: "population/grid-2015-kommune-scaling.csv", role: "scaling of the 2015 grid to 2026 per municipality", sha256: "1d12c3330d63eacf30e614fb955f897cf768bda890a28cb6c760b5492fce8559" },
  { path: "population/oslo-grid-100m-2015.csv", role: "SSB 100 m grid, Oslo, 2015", sha256: "408e04c4cafd190b90842812069cb08fe696c0e87220b8ef9c36737af5dbb82a" },
  { path: "facilities/hospitals-no.csv", role: "healthcare facilities (GISCO 2020)", sha256: "ef723ff9825acbcc99ddedf9d96494dba97b971ed451b085bd4ddf0e55ae50a8" },
  { path: "network/nvdb-ruteplan-sample-oslo-2021.geojson", role: "NVDB Ruteplan sample, 1000 links (fixture)", sha256: "2d1261f6e4b3dd9c393b8db2f793417eb5fa583007051e525afea0c55dca103b" },
  { path: "network/n1000-roads-hso.geojson", role: "N1000 road links, Helse Sør-Øst (default network)", sha256: "88c7e06403530df6ad3c06b9ce1650917c35fcb5f48224e3cb955edd7ba1b01c" },
  { path: "network/n1000-car-ferries-hso.geojson", role: "N1000 car ferries", sha256: "ec07e0a33121715a0bb19d5c470f00151d566d7576f1a193f7681d560d1a5dfa" },
  { path: "network/n1000-built-up-areas-hso.geojson", role: "N1000 built-up areas", sha256: "007adfb64cc8994365750a317045472fa88c21d5945c557fbe2be87406141b1a" },
  { path: "network/n1000-coastline-hso.geojson", role: "N1000 coastline", sha256: "510df4111c21dcc73b3e50d74d75501937aa96b4f5ea377736305041f73e7801" },
  { path: "benchmarks/utrecht/nodes_Utrecht_2021.csv", role: "Utrecht EMS benchmark: nodes", sha256: "0e8307743acada4c0bf9f7685b648737cfbeadb97bf6a8c862ea21140f35fafa" },
  { path: "benchmarks/utrecht/RAVU_base_locations_Utrecht_2021.csv", role: "Utrecht EMS benchmark: bases", sha256: "48e0d04e56b4b22e35d16e6bce26c4dbfd3d79184f08995cd6d282f5dcca05b5" },
  { path: "benchmarks/utrecht/Hospital_Postal_Codes_Utrecht_2021.csv", role: "Utrecht EMS benchmark: hospitals", sha256: "afd6e131529dcd11e2531b5a02d6f3f4a684c5daf91eb892a1ab720d0b97eef5" },
  { path: "benchmarks/utrecht/siren_driving_matrix_2022.csv", role: "Utrecht EMS benchmark: siren driving matrix", sha256: "de2dd3cf36630afd86c5a5bc97a5ea1dac4031beef687eea202a3c7b24aeef39" },
  { path: "benchmarks/utrecht/distance_matrix_2022.csv", role: "Utrecht EMS benchmark: distance matrix", sha256: "eb83a3e994035458aaee96dfbc8bd37ae263023ba9b85693b00fbbaf5bb2fdff" },
  { path: "population/kommune-projection-2025-2050.csv", role: "SSB population projection by municipality 2025-2050 (main alternative)", sha256: "29987db0a794bc4d4c5592de0989eca6160e480e69e9d1cb35dd9890766ce481" },
  { path: "network/osm/oslo-east-highways-2019.osm.pbf", role: "OpenStreetMap extract, central and eastern Oslo, 2019 (ODbL)", sha256: "307cd2df75d2bb54cec6cb20ac2deddf89b222ac5cff33d51790e46770b2b85b" },
  { path: "network/osm/skoyen-2017.osm.pbf", role: "OpenStreetMap extract, Skøyen, 2017 (ODbL)", sha256: "e3f407b2578008e124922a4ab24079dc6ce062780a1fbcd574801dd3ca6ae0bf" },
];

/** Paths of the datasets by what they are used for. */
export const DATASET_PATHS = {
  municipalities: "geo/kommuner-2024.geojson",
  counties: "geo/fylker-2024.geojson",
  osloDistricts: "geo/oslo-bydeler.geojson",
  municipalityAge2022: "population/kommune-age-2022.csv",
  osloDistrictAge2022: "population/oslo-bydel-age-2022.csv",
  municipalityAge2026: "population/kommune-age-2026.csv",
  osloDistrictAge2026: "population/oslo-bydel-age-2026.csv",
  municipalityTotals: "population/kommune-totals-2005-2026.csv",
  municipalityProjection: "population/kommune-projection-2025-2050.csv",
  osloDistrictTotals: "population/oslo-bydel-totals-2005-2026.csv",
  grid250m2015: "population/grid-250m-2015-hso.csv",
  grid1km2015: "population/grid-1km-2015-norway.csv",
  gridScaling: "population/grid-2015-kommune-scaling.csv",
  osloGrid100m2015: "population/oslo-grid-100m-2015.csv",
  osloGrid1km2019: "population/oslo-grid-1km-2019.csv",
  hospitals: "facilities/hospitals-no.csv",
  nvdbSample: "network/nvdb-ruteplan-sample-oslo-2021.geojson",
  n1000Roads: "network/n1000-roads-hso.geojson",
  n1000BuiltUp: "network/n1000-built-up-areas-hso.geojson",
  n1000Coastline: "network/n1000-coastline-hso.geojson",
  osmOsloEast: "network/osm/oslo-east-highways-2019.osm.pbf",
  osmSkoyen: "network/osm/skoyen-2017.osm.pbf",
} as const;
