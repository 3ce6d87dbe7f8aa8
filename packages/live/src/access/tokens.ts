import { createHash, timingSafeEqual } from "node:crypto";
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { z } from "zod";
import { formatIssue, REFERENCED_FILE_YAML_LIMITS, ScenarioError, YamlSource, zodIssues, type ScenarioIssue } from "@akutt/model";
import { ALL_AMKS, type Poster } from "../events/received.js";
import { ID_PATTERN, MAX_ID_LENGTH } from "../events/schema.js";

/** Roles of a live token: a viewer reads the state and the advice; a dispatcher also posts events. */
export const LIVE_ROLES = ["viewer", "dispatcher"] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

/** A token of the tokens file, as the server knows it: who, for which AMK, which role (never the token). */
export interface LiveIdentity extends Poster {
  role: LiveRole;
}

/** Largest tokens file read, in bytes; tokens in it at most. */
export const MAX_TOKENS_FILE_BYTES = 256 * 1024;
export const MAX_TOKENS = 1000;

const tokensFileSchema = z.strictObject({
  tokens: z
    .array(
      z.strictObject({
        /** Who holds the token: written to the audit log with every request. */
        name: z.string().min(1).max(MAX_ID_LENGTH).regex(ID_PATTERN, "a name of letters, digits and . _ : -"),
        /** The AMK id of the scenario the token speaks for, or "*" for every AMK. */
        amk: z.string().min(1).max(MAX_ID_LENGTH),
        role: z.enum(LIVE_ROLES),
        /** SHA-256 of the token, 64 hexadecimal digits: the file never holds the token itself. */
        sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "the token's SHA-256 as 64 hexadecimal digits (e.g. printf %s TOKEN | sha256sum)"),
      }),
    )
    .min(1)
    .max(MAX_TOKENS),
});

/** A tokens file that cannot be used: message with file, line and field; exit 2. */
export class LiveTokensError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "LiveTokensError";
  }
}

const digest = (token: string): Buffer => createHash("sha256").update(token, "utf8").digest();

/** The live tokens: who a presented token is, by constant-time comparison of SHA-256 digests. */
export class LiveTokens {
  private constructor(private readonly entries: ReadonlyArray<{ digest: Buffer; identity: LiveIdentity }>) {}

  /**
   * Reads a tokens file (YAML or JSON, docs/live.md): refused when others than its owner may read or
   * write it, when it is malformed, or when it names an AMK the scenario does not have.
   */
  static async load(path: string, amkIds: ReadonlySet<string>): Promise<LiveTokens> {
    // One handle for the checks and the read, so the file checked is the file read, and never more than the bound is read
    // (non-blocking: a FIFO in its place does not hang the start; it is refused as not a file).
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      throw new LiveTokensError(`cannot read the live tokens file ${path}`);
    }
    let text: string;
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new LiveTokensError(`the live tokens file ${path} is not a file`);
      if ((info.mode & 0o007) !== 0) throw new LiveTokensError(`the live tokens file ${path} may be read or written by every user (mode ${(info.mode & 0o777).toString(8)}); make it private: chmod 600 ${path}`);
      // Group access counts too: a group member who may write the file can add a dispatcher token.
      if ((info.mode & 0o070) !== 0) throw new LiveTokensError(`the live tokens file ${path} may be read or written by its group (mode ${(info.mode & 0o777).toString(8)}); make it private: chmod 600 ${path}`);
      const tooLarge = new LiveTokensError(`the live tokens file ${path} is larger than ${MAX_TOKENS_FILE_BYTES} bytes`);
      if (info.size > MAX_TOKENS_FILE_BYTES) throw tooLarge;
      const buffer = Buffer.alloc(MAX_TOKENS_FILE_BYTES + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > MAX_TOKENS_FILE_BYTES) throw tooLarge;
      text = buffer.subarray(0, length).toString("utf8");
    } finally {
      await handle.close();
    }
    const problems = (issues: readonly ScenarioIssue[]) => new LiveTokensError(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the live tokens file:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`);
    let source: YamlSource;
    try {
      source = YamlSource.parse(path, text, REFERENCED_FILE_YAML_LIMITS);
    } catch (error) {
      if (error instanceof ScenarioError) throw problems(error.issues);
      throw error;
    }
    const parsed = tokensFileSchema.safeParse(source.value);
    if (!parsed.success) throw problems(zodIssues(source, parsed.error.issues, "docs/live.md"));
    const issues: ScenarioIssue[] = [];
    const seen = new Set<string>();
    parsed.data.tokens.forEach((token, i) => {
      if (token.amk !== ALL_AMKS && !amkIds.has(token.amk)) issues.push(source.issue(["tokens", i, "amk"], `tokens[${i}].amk`, `unknown AMK ${token.amk}: expected one of the scenario's AMK centres (${[...amkIds].join(", ")}) or "${ALL_AMKS}"`));
      const hash = token.sha256.toLowerCase();
      if (seen.has(hash)) issues.push(source.issue(["tokens", i, "sha256"], `tokens[${i}].sha256`, "the same token is listed twice"));
      seen.add(hash);
    });
    if (issues.length > 0) throw problems(issues);
    return new LiveTokens(parsed.data.tokens.map((token) => ({ digest: Buffer.from(token.sha256, "hex"), identity: { name: token.name, amk: token.amk, role: token.role } })));
  }

  /** The identity of a presented token, or undefined. Every entry is compared, so the time does not tell which matched. */
  identify(token: string): LiveIdentity | undefined {
    const given = digest(token);
    let found: LiveIdentity | undefined;
    for (const entry of this.entries) if (timingSafeEqual(given, entry.digest) && !found) found = entry.identity;
    return found;
  }
}
