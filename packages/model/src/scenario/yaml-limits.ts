import { Parser, type CST } from "yaml";
import { ScenarioError } from "../errors/scenario-error.js";

/**
 * Bounds on a YAML text, checked on the concrete syntax tree (one linear pass) before the text
 * is composed into values: composing, duplicate-key checks and locating issues all cost more
 * than linear time in the size of one mapping, and aliases can expand exponentially.
 */
export interface YamlLimits {
  /** Characters of text. */
  maxChars: number;
  /** Nodes (scalars, mappings, sequences, aliases) in the whole text. */
  maxNodes: number;
  /** Entries of one mapping or sequence. */
  maxEntries: number;
  /** Nesting depth of mappings and sequences. */
  maxDepth: number;
  /** Alias references (`*name`); each may expand to a whole subtree. */
  maxAliases: number;
}

/** For scenario text that arrives over the network. A whole scenario with 1,500 inline zones fits easily. */
export const POSTED_YAML_LIMITS: YamlLimits = { maxChars: 2 * 1024 * 1024, maxNodes: 200_000, maxEntries: 20_000, maxDepth: 40, maxAliases: 200 };

/** For files the scenario names (zones files): larger lists, the same guards against abuse. */
export const REFERENCED_FILE_YAML_LIMITS: YamlLimits = { maxChars: 64 * 1024 * 1024, maxNodes: 5_000_000, maxEntries: 500_000, maxDepth: 40, maxAliases: 200 };

type Token = CST.Token;

/** Throws a ScenarioError naming the first bound the text exceeds. */
export function checkYamlLimits(file: string, text: string, limits: YamlLimits): void {
  const refuse = (message: string, offset?: number): never => {
    const position = offset === undefined ? undefined : lineAndColumn(text, offset);
    throw new ScenarioError([{ file, line: position?.line, column: position?.column, field: "", message }]);
  };
  if (text.length > limits.maxChars) refuse(`the text is ${text.length} characters long; at most ${limits.maxChars} are accepted`);
  let nodes = 0;
  let aliases = 0;
  const stack: Array<{ token: Token; depth: number }> = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case "document":
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case "alias":
        nodes++;
        if (++aliases > limits.maxAliases) refuse(`more than ${limits.maxAliases} aliases (*name); write the values out`, token.offset);
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection": {
        nodes++;
        if (depth + 1 > limits.maxDepth) refuse(`nested deeper than ${limits.maxDepth} levels`, token.offset);
        if (token.items.length > limits.maxEntries) refuse(`a mapping or list with ${token.items.length} entries; at most ${limits.maxEntries} are accepted`, token.offset);
        for (const item of token.items) {
          if ("key" in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        nodes++;
    }
    if (nodes > limits.maxNodes) refuse(`more than ${limits.maxNodes} values`, "offset" in token ? token.offset : undefined);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
