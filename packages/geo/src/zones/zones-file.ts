import { stringify } from "yaml";
import { writeFileAtomic } from "../cache/atomic-write.js";
import type { ZonesFile } from "./build-zones.js";

/** Writes a zones file atomically: YAML for .yaml/.yml, JSON otherwise. */
export function writeZonesFile(path: string, zones: ZonesFile): void {
  const yaml = /\.ya?ml$/i.test(path);
  const text = yaml
    ? `# Demand zones written by \`akutt zones build\`; see provenance for the population source of each area.\n${stringify(zones, { lineWidth: 0 })}`
    : `${JSON.stringify(zones, null, 1)}\n`;
  writeFileAtomic(path, text);
}
