import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioIssuesOf as issuesOf } from "../testing/scenario-issues.js";
import { loadScenarioFile, parseScenario } from "./load.js";
import { POSTED_YAML_LIMITS } from "./yaml-limits.js";

const scenariosDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios");
const abBase = join(scenariosDir, "asker-baerum/base.yaml");
const demoFile = join(scenariosDir, "demo/demo.yaml");

const SECRET = "root:x:0:0:secret-content-marker:/root:/bin/bash";

describe("files named in a scenario", () => {
  it("are read relative to the file that names them, so an overlay saved in another folder finds its base's zones file", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "akutt-variant-"));
    const overlay = join(elsewhere, "variant.yaml");
    writeFileSync(overlay, `extends: ${relative(elsewhere, abBase)}\nmetadata: { name: Variant }\n`);
    const scenario = loadScenarioFile(overlay);
    expect(scenario.zones.length).toBeGreaterThan(1000);
    expect(scenario.zonesSource).toBe(join(scenariosDir, "asker-baerum/zones.yaml"));
  });

  it("may only lie inside the allowed folders for a restricted reader, and errors never quote what a file holds", () => {
    const outside = mkdtempSync(join(tmpdir(), "akutt-outside-"));
    const secret = join(outside, "passwd");
    writeFileSync(secret, `${SECRET}\n`);
    const options = { allowedRoots: [scenariosDir], textLimits: POSTED_YAML_LIMITS };
    const posted = (zonesLine: string) => `extends: demo/demo.yaml\n${zonesLine}\n`;

    const absolute = issuesOf(() => parseScenario(posted(`zones: { file: ${secret} }`), "posted.yaml", scenariosDir, "", options));
    expect(absolute).toHaveLength(1);
    expect(absolute[0]).toMatchObject({ file: "posted.yaml", line: 2, field: "zones.file" });
    expect(absolute[0]!.message).toContain("not allowed");
    const climbing = issuesOf(() => parseScenario(posted(`zones: { file: ${relative(scenariosDir, secret)} }`), "posted.yaml", scenariosDir, "", options));
    expect(climbing[0]!.message).toContain("not allowed");

    // A link inside the allowed folder that points out of it is followed before the check.
    const root = mkdtempSync(join(tmpdir(), "akutt-root-"));
    mkdirSync(join(root, "demo"));
    writeFileSync(join(root, "demo/demo.yaml"), "version: 1\n");
    symlinkSync(secret, join(root, "link.yaml"));
    const linked = issuesOf(() => parseScenario(`extends: ${demoFile}\nzones: { file: link.yaml }\n`, "posted.yaml", root, "", { allowedRoots: [root, scenariosDir] }));
    expect(linked[0]!.message).toContain("not allowed");
    const linkedBase = issuesOf(() => parseScenario("extends: link.yaml\n", "posted.yaml", root, "", { allowedRoots: [root] }));
    expect(linkedBase[0]).toMatchObject({ field: "extends" });

    // A readable file inside the allowed folders that is not a zones file: only a count of problems.
    const notZones = join(root, "notes.yaml");
    writeFileSync(notZones, `${SECRET}\nother: ${SECRET}\n`);
    const wrongKind = issuesOf(() => parseScenario(`extends: ${relative(root, demoFile)}\nzones: { file: notes.yaml }\n`, "posted.yaml", root, "", { allowedRoots: [root, scenariosDir] }));
    expect(wrongKind[0]!.message).toMatch(/not a valid zones file \(\d+ problems?\)/);

    for (const issues of [absolute, climbing, linked, linkedBase, wrongKind]) for (const issue of issues) expect(JSON.stringify(issue)).not.toContain("secret-content-marker");
  });

  it("hands a restricted reader's folders on with the scenario, for the files geography opens later (travel.file, travel.network)", () => {
    const restricted = parseScenario("extends: demo/demo.yaml\n", "posted.yaml", scenariosDir, "", { allowedRoots: [scenariosDir] });
    expect(restricted.readRoots).toEqual([realpathSync(scenariosDir)]);
    expect(loadScenarioFile(demoFile).readRoots).toBeUndefined();
  });

  it("refuses extends to anything but a .yaml file for a restricted reader, without quoting it", () => {
    const root = mkdtempSync(join(tmpdir(), "akutt-root-"));
    writeFileSync(join(root, "readme.md"), `# ${SECRET}\n`);
    writeFileSync(join(root, "notes.yaml"), `${SECRET}: 1\n`);
    const markdown = issuesOf(() => parseScenario("extends: readme.md\n", "posted.yaml", root, "", { allowedRoots: [root] }));
    expect(markdown[0]).toMatchObject({ field: "extends", line: 1 });
    const yaml = issuesOf(() => parseScenario("extends: notes.yaml\n", "posted.yaml", root, "", { allowedRoots: [root], allowedBases: [demoFile] }));
    expect(yaml[0]!.message).toContain("may only name a shipped scenario or a saved variant");
    const listed = issuesOf(() => parseScenario(`extends: ${demoFile}\nmetadata: { durationDays: -1 }\n`, "posted.yaml", root, "", { allowedRoots: [root, scenariosDir], allowedBases: [demoFile] }));
    expect(listed[0]).toMatchObject({ field: "metadata.durationDays", line: 2 });
    for (const issue of [...markdown, ...yaml]) expect(JSON.stringify(issue)).not.toContain("secret-content-marker");
  });
});

describe("bounds on posted YAML", () => {
  const options = { allowedRoots: [scenariosDir], textLimits: POSTED_YAML_LIMITS };

  it("refuses a mapping with 40,000 keys before composing it", () => {
    const text = `version: 1\n${Array.from({ length: 40_000 }, (_, i) => `key${i}: ${i}`).join("\n")}\n`;
    const [issue] = issuesOf(() => parseScenario(text, "posted.yaml", scenariosDir, "", options));
    expect(issue!.message).toMatch(/40001 entries; at most 20000/);
    expect(issue!.line).toBe(1);
  });

  it("refuses an alias bomb with a located issue, with and without limits", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(", ")}]`);
    const bomb = `${lines.join("\n")}\n`;
    expect(issuesOf(() => parseScenario(bomb, "posted.yaml", scenariosDir, "", options))[0]!.message).toMatch(/aliases/);
    expect(issuesOf(() => parseScenario(bomb, "posted.yaml", scenariosDir))[0]!.message).toMatch(/aliases/);
  });

  it("refuses deep nesting", () => {
    const text = `${"[".repeat(100)}${"]".repeat(100)}\n`;
    expect(issuesOf(() => parseScenario(text, "posted.yaml", scenariosDir, "", options))[0]!.message).toMatch(/nested deeper than 40/);
  });

  it("accepts the shipped scenarios under the posted limits", () => {
    for (const file of [demoFile, abBase]) expect(() => loadScenarioFile(file, { allowedRoots: [scenariosDir], textLimits: POSTED_YAML_LIMITS, fileLimits: POSTED_YAML_LIMITS })).not.toThrow();
  });
});
