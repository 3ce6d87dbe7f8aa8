import { createHash } from "node:crypto";
import { readRegularFile, RegularFileError } from "@akutt/model";
import { writeFileAtomic } from "../cache/atomic-write.js";
import { NetworkFileError } from "../errors/geo-errors.js";
import type { NetworkMeta, RoadNetwork } from "./road-network.js";

/**
 * Built network file (`.akn`): 8 bytes magic "AKUTTNW1", u32 length of a UTF-8 JSON header
 * (meta plus counts), the header padded to 8 bytes, then the arrays in the order of ARRAYS, each
 * padded to 8 bytes. Little endian. Written atomically.
 */
const MAGIC = "AKUTTNW1";

type ArrayName = Exclude<keyof RoadNetwork, "meta">;
const ARRAYS: ReadonlyArray<[ArrayName, "f64" | "u32" | "u16" | "u8"]> = [
  ["nodeLon", "f64"],
  ["nodeLat", "f64"],
  ["linkFrom", "u32"],
  ["linkTo", "u32"],
  ["linkLengthM", "f64"],
  ["linkForwardSec", "f64"],
  ["linkBackwardSec", "f64"],
  ["linkFixedSec", "f64"],
  ["linkClass", "u16"],
  ["linkFlags", "u8"],
  ["shapeOffset", "u32"],
  ["shapeLon", "f64"],
  ["shapeLat", "f64"],
];
const BYTES = { f64: 8, u32: 4, u16: 2, u8: 1 } as const;

function pad8(n: number): number {
  return (n + 7) & ~7;
}

export function writeNetworkFile(path: string, network: RoadNetwork): void {
  const lengths = Object.fromEntries(ARRAYS.map(([name]) => [name, network[name].length]));
  const header = Buffer.from(JSON.stringify({ meta: network.meta, lengths }), "utf8");
  const parts: Uint8Array[] = [];
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(header.length, 8);
  parts.push(prefix, header, new Uint8Array(pad8(12 + header.length) - 12 - header.length));
  for (const [name] of ARRAYS) {
    const array = network[name];
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    parts.push(bytes, new Uint8Array(pad8(bytes.length) - bytes.length));
  }
  writeFileAtomic(path, parts);
}

/** Largest built network read (Norway's whole road network is some hundreds of MB). */
const MAX_NETWORK_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** Reads a built network; a wrong magic, a truncated file or bad header is a NetworkFileError naming the file. */
export function readNetworkFile(path: string, readRoots?: readonly string[]): { network: RoadNetwork; sha256: string } {
  // One checked handle (RegularFile): a regular file, bounded, inside readRoots for a posted scenario.
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, { maxBytes: MAX_NETWORK_FILE_BYTES, allowedRoots: readRoots });
  } catch (error) {
    if (error instanceof RegularFileError) throw new NetworkFileError(path, error.problem === "missing" ? "no such network file" : error.reason);
    throw error;
  }
  if (bytes.length < 12 || bytes.toString("latin1", 0, 8) !== MAGIC) throw new NetworkFileError(path, "not an Akutt network file (build one with `akutt network build`)");
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) throw new NetworkFileError(path, "truncated (header cut off)");
  let header: { meta: NetworkMeta; lengths: Record<string, number> };
  try {
    header = JSON.parse(bytes.toString("utf8", 12, 12 + headerLength)) as typeof header;
  } catch {
    throw new NetworkFileError(path, "corrupt header");
  }
  let offset = pad8(12 + headerLength);
  const arrays: Partial<Record<ArrayName, unknown>> = {};
  for (const [name, type] of ARRAYS) {
    const length = header.lengths[name];
    if (typeof length !== "number" || length < 0) throw new NetworkFileError(path, `corrupt header (no length for ${name})`);
    const byteLength = length * BYTES[type];
    if (offset + byteLength > bytes.length) throw new NetworkFileError(path, `truncated (${name} cut off at byte ${bytes.length})`);
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(offset, offset + byteLength));
    arrays[name] =
      type === "f64" ? new Float64Array(copy.buffer) : type === "u32" ? new Uint32Array(copy.buffer) : type === "u16" ? new Uint16Array(copy.buffer) : copy;
    offset += pad8(byteLength);
  }
  const network = { meta: header.meta, ...arrays } as RoadNetwork;
  if (network.linkFrom.length !== network.linkTo.length || network.shapeOffset.length !== network.linkFrom.length + 1) {
    throw new NetworkFileError(path, "inconsistent array lengths");
  }
  return { network, sha256: createHash("sha256").update(bytes).digest("hex") };
}
