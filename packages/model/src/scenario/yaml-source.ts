import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { ScenarioError, type ScenarioIssue } from "../errors/scenario-error.js";
import { checkYamlLimits, type YamlLimits } from "./yaml-limits.js";

/** A parsed YAML file that can say where any field path sits in the text. */
export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  private readonly document: Document;
  private readonly lines: LineCounter;

  private constructor(file: string, document: Document, lines: LineCounter) {
    this.file = file;
    this.document = document;
    this.lines = lines;
    try {
      this.value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // yaml refuses aliases that expand too far (a "billion laughs" document) with a ReferenceError.
      if (error instanceof ReferenceError) throw new ScenarioError([{ file, line: undefined, column: undefined, field: "", message: "YAML aliases expand to too many values; write the values out" }]);
      throw error;
    }
  }

  /** Parses YAML text; with `limits`, first checks the text's size and shape against them (for text from outside). */
  static parse(file: string, text: string, limits?: YamlLimits): YamlSource {
    if (limits) checkYamlLimits(file, text, limits);
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new ScenarioError(
        document.errors.map((error) => {
          const position = lines.linePos(error.pos[0]);
          return { file, line: position.line, column: position.col, field: "", message: `YAML syntax: ${firstLine(error.message)}` };
        }),
      );
    }
    return new YamlSource(file, document, lines);
  }

  /** Line and column of the deepest existing node on the path; `keyOf` points at the key rather than the value. */
  locate(path: readonly PropertyKey[], keyOf?: string): { line: number | undefined; column: number | undefined } {
    let node: unknown = this.document.contents;
    let offset: number | undefined = rangeStart(node);
    for (const key of path) {
      const next = child(node, key);
      if (next === undefined) break;
      node = next.value;
      offset = next.keyOffset ?? rangeStart(node) ?? offset;
      const valueStart = rangeStart(node);
      if (valueStart !== undefined) offset = valueStart;
    }
    if (keyOf !== undefined) {
      const entry = child(node, keyOf);
      if (entry?.keyOffset !== undefined) offset = entry.keyOffset;
    }
    if (offset === undefined) return { line: undefined, column: undefined };
    const position = this.lines.linePos(offset);
    return { line: position.line, column: position.col };
  }

  issue(path: readonly PropertyKey[], field: string, message: string, keyOf?: string): ScenarioIssue {
    return { file: this.file, ...this.locate(path, keyOf), field, message };
  }
}

function child(node: unknown, key: PropertyKey): { value: unknown; keyOffset: number | undefined } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) {
        return { value: item.value, keyOffset: rangeStart(item.key) };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key];
    return item === undefined ? undefined : { value: item, keyOffset: undefined };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
