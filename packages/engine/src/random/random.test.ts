import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyedRandomSource, createRandomStreams, replicationSeed, toOpenUnit } from "./random.js";

describe("counter-based random streams", () => {
  it("draws uniforms strictly inside (0, 1) with the right mean and variance", () => {
    const source = createRandomStreams(42).stream(1, 0);
    let sum = 0;
    let sumSquares = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = source.next();
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      sumSquares += u * u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSquares / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it("maps every 53-bit value strictly inside (0, 1), in order, the top one too", () => {
    const top = 2 ** 53 - 1;
    // (2^53 − 0.5) / 2^53 rounds to exactly 1 in floating point; the top value must stay below it.
    expect((top + 0.5) / 2 ** 53).toBe(1);
    expect(toOpenUnit(top)).toBe(1 - 2 ** -53);
    expect(toOpenUnit(0)).toBe(2 ** -54);
    // Above ½ two neighbouring cells' middles can round to the same double: in order, not strictly.
    fc.assert(fc.property(fc.integer({ min: 0, max: top - 1 }), (bits) => toOpenUnit(bits) <= toOpenUnit(bits + 1) && toOpenUnit(bits) > 0 && toOpenUnit(bits + 1) < 1));
  });

  it("gives the same sequence for the same key and different sequences for different keys", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(50), fc.nat(100_000), (seed, purpose, index) => {
        const streams = createRandomStreams(seed);
        const a = streams.stream(purpose, index);
        const b = streams.stream(purpose, index);
        const other = streams.stream(purpose, index + 1);
        const first = [a.next(), a.next(), a.next()];
        expect([b.next(), b.next(), b.next()]).toEqual(first);
        expect([other.next(), other.next(), other.next()]).not.toEqual(first);
      }),
    );
  });

  it("re-keys a used source to exactly the stream a fresh one gives, for kept and other purposes", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.nat()), { minLength: 1, maxLength: 6 }), (seed, keys) => {
        const streams = createRandomStreams(seed);
        const reused = new KeyedRandomSource(seed, 0, 0);
        for (const [purpose, index] of keys) {
          reused.next();
          streams.rekey(reused, purpose, index);
          const fresh = streams.stream(purpose, index);
          expect([reused.next(), reused.next()]).toEqual([fresh.next(), fresh.next()]);
        }
      }),
    );
  });

  it("gives neighbouring streams uncorrelated numbers", () => {
    const streams = createRandomStreams(7);
    const n = 20_000;
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (streams.stream(2, i).next() - 0.5) * (streams.stream(2, i + 1).next() - 0.5);
    // Correlation of independent uniforms: standard error 1/sqrt(n) ≈ 0.007.
    expect(Math.abs((sxy / n) * 12)).toBeLessThan(0.03);
  });

  it("derives distinct replication seeds", () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, r) => replicationSeed(1, r)));
    expect(seeds.size).toBe(1000);
  });
});
