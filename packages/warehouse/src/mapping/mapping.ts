import { formatPath, readRegularFileText, RegularFileError, ScenarioError, YamlSource, type ScenarioIssue } from "@akutt/model";
import { z } from "zod";
import { EXTRACT_COLUMNS, type ExtractColumn } from "../schema/extract.js";
import { CALL_TYPES, UNIT_TYPES, URGENCIES } from "../schema/schema.js";
import { MappingFileError } from "../errors.js";

/** A mapping file is small; anything larger is not one. */
const MAX_MAPPING_BYTES = 256 * 1024;

const header = z.string().min(1).max(200);
const codeMap = <T extends readonly [string, ...string[]]>(values: T) => z.record(z.string().min(1).max(100), z.enum(values));

/**
 * A centre's mapping file (YAML): its column names and codes → the canonical ones, so a centre
 * imports its own extract without code changes. Every field is optional:
 *
 *   columns:          canonical column: the centre's header (e.g. call_ringing_at: "Tid ringer")
 *   ignore:           headers of columns that are read (and scanned for identifiers) but not stored
 *   codes:
 *     urgency:        the centre's word: red | yellow | green       (e.g. "A": red, "Akutt": red)
 *     call_type:      the centre's word: dispatch | advice | …      (CALL_TYPES)
 *     unit_type:      the centre's word: ambulance | akuttbil | …   (UNIT_TYPES)
 *     caller:         the centre's word: any code stored as given   (e.g. "Lege": doctor)
 *   timeZone:         zone of times written without an offset (default Europe/Oslo)
 *
 * Codes match case-insensitively after trimming; an unmapped code must already be canonical.
 */
export const mappingSchema = z.strictObject({
  columns: z.partialRecord(z.enum(EXTRACT_COLUMNS), header).default({}),
  ignore: z.array(header).max(500).default([]),
  codes: z
    .strictObject({
      urgency: codeMap(URGENCIES).default({}),
      call_type: codeMap(CALL_TYPES).default({}),
      unit_type: codeMap(UNIT_TYPES).default({}),
      caller: z.record(z.string().min(1).max(100), z.string().regex(/^[a-z0-9-]{1,40}$/, "a code of lower-case letters, digits and dashes")).default({}),
    })
    .default({ urgency: {}, call_type: {}, unit_type: {}, caller: {} }),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "an IANA time zone such as Europe/Oslo")
    .default("Europe/Oslo"),
});
export type Mapping = z.output<typeof mappingSchema>;

/** The mapping used without a file: canonical headers and codes, Europe/Oslo. */
export const DEFAULT_MAPPING: Mapping = mappingSchema.parse({});

/** Reads and checks a mapping file; problems come back with file, line and field (MappingFileError). */
export function loadMappingFile(path: string): Mapping {
  const issue = (message: string): ScenarioIssue => ({ file: path, line: undefined, column: undefined, field: "", message });
  let text: string;
  try {
    // One handle, checked and then read (RegularFile): no pipe waited on, no more than the bound read.
    text = readRegularFileText(path, { maxBytes: MAX_MAPPING_BYTES });
  } catch (error) {
    if (error instanceof RegularFileError && error.problem === "too-large") throw new MappingFileError([issue(`larger than ${MAX_MAPPING_BYTES / 1024} kB; a mapping file only names columns and codes`)]);
    if (error instanceof RegularFileError && error.problem === "not-regular") throw new MappingFileError([issue("not a regular file (a pipe, device or folder cannot be a mapping file)")]);
    throw new MappingFileError([issue("cannot read the mapping file")]);
  }
  return parseMapping(text, path);
}

export function parseMapping(text: string, file: string): Mapping {
  let source: YamlSource;
  try {
    source = YamlSource.parse(file, text);
  } catch (error) {
    if (error instanceof ScenarioError) throw new MappingFileError(error.issues);
    throw error;
  }
  const parsed = mappingSchema.safeParse(source.value ?? {}, { reportInput: true });
  if (!parsed.success) {
    throw new MappingFileError(
      parsed.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? source.issue(issue.path, formatPath([...issue.path, issue.keys[0] ?? ""]), `unknown field "${issue.keys.join('", "')}"`, issue.keys[0])
          : source.issue(issue.path, formatPath(issue.path), issue.message),
      ),
    );
  }
  const mapping = parsed.data;
  const issues: ScenarioIssue[] = [];
  const used = new Map<string, string>();
  for (const [column, from] of Object.entries(mapping.columns) as Array<[ExtractColumn, string]>) {
    const key = from.toLowerCase();
    const other = used.get(key);
    if (other !== undefined) issues.push(source.issue(["columns", column], `columns.${column}`, `header "${from}" is already mapped to ${other}`));
    used.set(key, column);
  }
  mapping.ignore.forEach((from, i) => {
    const column = used.get(from.toLowerCase());
    if (column !== undefined) issues.push(source.issue(["ignore", i], `ignore[${i}]`, `header "${from}" is mapped to ${column}; it cannot also be ignored`));
  });
  if (issues.length > 0) throw new MappingFileError(issues);
  return mapping;
}
