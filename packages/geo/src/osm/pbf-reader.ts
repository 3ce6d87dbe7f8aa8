import { inflateSync } from "node:zlib";
import { PbfReader } from "pbf";
import { NetworkFileError } from "../errors/geo-errors.js";

/**
 * A reader of OpenStreetMap PBF files (the format Geofabrik extracts come in), after
 * https://wiki.openstreetmap.org/wiki/PBF_Format: a sequence of length-prefixed BlobHeader + Blob pairs
 * holding zlib-compressed PrimitiveBlocks. Only nodes (plain and dense) and ways are decoded; relations are skipped.
 */

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  /** The node's tags, only when the visitor sets `nodeTags` (empty objects are not made for untagged nodes). */
  tags?: Record<string, string>;
}

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface OsmVisitor {
  node?(node: OsmNode): void;
  /** Decode node tags (barriers, traffic signals); off by default, as most nodes are only coordinates. */
  nodeTags?: boolean;
  way?(way: OsmWay): void;
  /** Called after each data block with the byte position reached and the file size. */
  progress?(bytesRead: number, bytesTotal: number): void;
}

const SUPPORTED_FEATURES = new Set(["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]);

interface Blob {
  raw?: Uint8Array;
  rawSize?: number;
  zlib?: Uint8Array;
  other?: string;
}

/** Reads the whole file, calling the visitor for each node and way, in file order. */
export function readOsmPbf(path: string, bytes: Uint8Array, visitor: OsmVisitor): { blocks: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let blocks = 0;
  let sawHeader = false;
  if (bytes.length === 0) throw new NetworkFileError(path, "empty file (not an OSM PBF extract)");
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) throw new NetworkFileError(path, `truncated OSM PBF: block header length cut off at byte ${pos}`);
    const headerLength = view.getUint32(pos, false);
    pos += 4;
    if (headerLength > 64 * 1024 || pos + headerLength > bytes.length) {
      throw new NetworkFileError(path, `${pos + headerLength > bytes.length ? "truncated" : "corrupt"} OSM PBF: bad block header at byte ${pos - 4}`);
    }
    let type = "";
    let dataSize = -1;
    try {
      new PbfReader(bytes.subarray(pos, pos + headerLength)).readFields(
        (tag, _r, pbf) => {
          if (tag === 1) type = pbf.readString();
          else if (tag === 3) dataSize = pbf.readVarint();
        },
        null,
      );
    } catch {
      throw new NetworkFileError(path, `corrupt OSM PBF: unreadable block header at byte ${pos - 4}`);
    }
    pos += headerLength;
    if (dataSize < 0 || (type !== "OSMHeader" && type !== "OSMData" && !sawHeader)) {
      throw new NetworkFileError(path, `not an OSM PBF file (block header at byte ${pos - headerLength - 4} has type '${type}')`);
    }
    if (pos + dataSize > bytes.length) throw new NetworkFileError(path, `truncated OSM PBF: block at byte ${pos} needs ${dataSize} bytes, only ${bytes.length - pos} left`);
    const data = decodeBlob(path, bytes.subarray(pos, pos + dataSize), pos);
    pos += dataSize;
    if (type === "OSMHeader") {
      sawHeader = true;
      checkHeader(path, data);
    } else if (type === "OSMData") {
      if (!sawHeader) throw new NetworkFileError(path, "not an OSM PBF file (no OSMHeader block first)");
      readPrimitiveBlock(path, data, visitor);
      blocks++;
      visitor.progress?.(pos, bytes.length);
    }
  }
  if (!sawHeader) throw new NetworkFileError(path, "not an OSM PBF file (no OSMHeader block)");
  return { blocks };
}

function decodeBlob(path: string, bytes: Uint8Array, at: number): Uint8Array {
  const blob: Blob = {};
  try {
    new PbfReader(bytes).readFields(
      (tag, b, pbf) => {
        if (tag === 1) b.raw = pbf.readBytes();
        else if (tag === 2) b.rawSize = pbf.readVarint();
        else if (tag === 3) b.zlib = pbf.readBytes();
        else if (tag === 4) b.other = "lzma";
        else if (tag === 6) b.other = "lz4";
        else if (tag === 7) b.other = "zstd";
      },
      blob,
    );
  } catch {
    throw new NetworkFileError(path, `corrupt OSM PBF: unreadable block at byte ${at}`);
  }
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    try {
      const out = inflateSync(blob.zlib);
      if (blob.rawSize !== undefined && out.length !== blob.rawSize) throw new Error("size mismatch");
      return out;
    } catch {
      throw new NetworkFileError(path, `corrupt OSM PBF: compressed block at byte ${at} does not inflate`);
    }
  }
  throw new NetworkFileError(path, `OSM PBF block at byte ${at} uses ${blob.other ?? "an unknown"} compression; only zlib and uncompressed blocks are supported`);
}

function checkHeader(path: string, data: Uint8Array): void {
  const required: string[] = [];
  new PbfReader(data).readFields(
    (tag, r, pbf) => {
      if (tag === 4) r.push(pbf.readString());
    },
    required,
  );
  const unsupported = required.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (unsupported.length > 0) throw new NetworkFileError(path, `OSM PBF requires unsupported features: ${unsupported.join(", ")}`);
}

interface BlockState {
  strings: string[];
  groups: Array<[number, number]>;
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function readPrimitiveBlock(path: string, data: Uint8Array, visitor: OsmVisitor): void {
  const pbf = new PbfReader(data);
  const state: BlockState = { strings: [], groups: [], granularity: 100, latOffset: 0, lonOffset: 0 };
  try {
    pbf.readFields(
      (tag, s, p) => {
        if (tag === 1) {
          const end = p.readVarint() + p.pos;
          while (p.pos < end) {
            const key = p.readVarint();
            if (key >> 3 === 1) s.strings.push(p.readString());
            else p.skip(key & 7);
          }
        } else if (tag === 2) {
          const length = p.readVarint();
          s.groups.push([p.pos, p.pos + length]);
          p.pos += length;
        } else if (tag === 17) s.granularity = p.readVarint();
        else if (tag === 19) s.latOffset = p.readVarint(true);
        else if (tag === 20) s.lonOffset = p.readVarint(true);
      },
      state,
    );
    for (const [start, end] of state.groups) {
      pbf.pos = start;
      pbf.readFields(
        (tag, s, p) => {
          if (tag === 1 && visitor.node) visitor.node(readNode(p, s, visitor.nodeTags === true));
          else if (tag === 2 && visitor.node) readDense(p, s, visitor.node, visitor.nodeTags === true);
          else if (tag === 3 && visitor.way) visitor.way(readWay(p, s));
        },
        state,
        end,
      );
    }
  } catch (error) {
    if (error instanceof NetworkFileError) throw error;
    throw new NetworkFileError(path, `corrupt OSM PBF: unreadable data block (${(error as Error).message})`);
  }
}

function coordinate(offset: number, granularity: number, value: number): number {
  return 1e-9 * (offset + granularity * value);
}

function readNode(p: PbfReader, s: BlockState, withTags: boolean): OsmNode {
  const end = p.readVarint() + p.pos;
  const node = { id: 0, lat: 0, lon: 0, keys: [] as number[], vals: [] as number[] };
  p.readFields(
    (tag, n, q) => {
      if (tag === 1) n.id = q.readSVarint();
      else if (tag === 2 && withTags) q.readPackedVarint(n.keys);
      else if (tag === 3 && withTags) q.readPackedVarint(n.vals);
      else if (tag === 8) n.lat = coordinate(s.latOffset, s.granularity, q.readSVarint());
      else if (tag === 9) n.lon = coordinate(s.lonOffset, s.granularity, q.readSVarint());
    },
    node,
    end,
  );
  const result: OsmNode = { id: node.id, lat: node.lat, lon: node.lon };
  if (node.keys.length > 0) {
    const tags: Record<string, string> = {};
    node.keys.forEach((k, i) => {
      tags[s.strings[k] ?? ""] = s.strings[node.vals[i] ?? 0] ?? "";
    });
    result.tags = tags;
  }
  return result;
}

function readDense(p: PbfReader, s: BlockState, onNode: (node: OsmNode) => void, withTags: boolean): void {
  const end = p.readVarint() + p.pos;
  const dense = { ids: [] as number[], lats: [] as number[], lons: [] as number[], keysVals: [] as number[] };
  p.readFields(
    (tag, d, q) => {
      if (tag === 1) q.readPackedSVarint(d.ids);
      else if (tag === 8) q.readPackedSVarint(d.lats);
      else if (tag === 9) q.readPackedSVarint(d.lons);
      else if (tag === 10 && withTags) q.readPackedVarint(d.keysVals);
    },
    dense,
    end,
  );
  if (dense.lats.length !== dense.ids.length || dense.lons.length !== dense.ids.length) throw new Error("dense node arrays differ in length");
  let id = 0;
  let lat = 0;
  let lon = 0;
  // keys_vals: for each node in turn, key and value string indices, then a 0 (absent when no node has tags).
  let kv = 0;
  const hasTags = dense.keysVals.length > 0;
  for (let i = 0; i < dense.ids.length; i++) {
    id += dense.ids[i]!;
    lat += dense.lats[i]!;
    lon += dense.lons[i]!;
    const node: OsmNode = { id, lat: coordinate(s.latOffset, s.granularity, lat), lon: coordinate(s.lonOffset, s.granularity, lon) };
    if (hasTags) {
      let tags: Record<string, string> | undefined;
      while (kv < dense.keysVals.length && dense.keysVals[kv] !== 0) {
        tags ??= {};
        tags[s.strings[dense.keysVals[kv]!] ?? ""] = s.strings[dense.keysVals[kv + 1] ?? 0] ?? "";
        kv += 2;
      }
      kv++;
      if (tags) node.tags = tags;
    }
    onNode(node);
  }
}

function readWay(p: PbfReader, s: BlockState): OsmWay {
  const end = p.readVarint() + p.pos;
  const raw = { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] };
  p.readFields(
    (tag, w, q) => {
      if (tag === 1) w.id = q.readVarint();
      else if (tag === 2) q.readPackedVarint(w.keys);
      else if (tag === 3) q.readPackedVarint(w.vals);
      else if (tag === 8) q.readPackedSVarint(w.refs);
    },
    raw,
    end,
  );
  const tags: Record<string, string> = {};
  raw.keys.forEach((k, i) => {
    tags[s.strings[k] ?? ""] = s.strings[raw.vals[i] ?? 0] ?? "";
  });
  let ref = 0;
  const refs = raw.refs.map((delta) => (ref += delta));
  return { id: raw.id, refs, tags };
}
