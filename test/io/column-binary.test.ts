import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBinaryError, decodeColumns, encodeColumns } from '../../src/io/column-binary';

const DEMAND = join(__dirname, '../../public/geo/demand.json');

/**
 * Every value of `got` is the same value as in `want` (Object.is: -0 is not 0), typed arrays read as arrays; objects
 * (values of JSON-stored columns) deeply equal; keys in order.
 */
function expectSame(got: Record<string, unknown>, want: Record<string, unknown>): void {
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [k, v] of Object.entries(want)) {
    const g = got[k];
    if (Array.isArray(v) && (Array.isArray(g) || ArrayBuffer.isView(g))) {
      const a = Array.from(g as ArrayLike<unknown>);
      expect(a.length, k).toBe(v.length);
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === 'object' && v[i] !== null) expect(a[i], `${k}[${i}]`).toEqual(v[i]);
        else if (!Object.is(a[i], v[i])) expect.fail(`${k}[${i}]: ${String(a[i])} is not ${String(v[i])}`);
      }
    } else expect(g, k).toEqual(v);
  }
}

describe('column binary (demand.json without a JSON parse)', () => {
  it.runIf(existsSync(DEMAND))('gives back the bundled demand.json exactly, in under 60 % of its size', () => {
    const text = readFileSync(DEMAND, 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    const bin = encodeColumns(json, 'id');
    expectSame(decodeColumns(bin), json);
    expect(bin.byteLength).toBeLessThan(text.length * 0.6);
  });

  it('round-trips any columns: small and large integers, decimals, doubles, -0, enums, strings, mixed values', () => {
    const col = (n: number) =>
      fc.oneof(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: n, maxLength: n }),
        fc.array(
          fc.integer({ min: -18_000_000, max: 18_000_000 }).map((k) => k / 1e5),
          { minLength: n, maxLength: n },
        ),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
        fc.array(fc.constantFrom('village', 'city', 'cell', ''), { minLength: n, maxLength: n }),
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: n, maxLength: n }),
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean()), { minLength: n, maxLength: n }),
      );
    const obj = fc.integer({ min: 0, max: 40 }).chain((n) =>
      fc
        .tuple(
          fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: n, maxLength: n }),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), col(n), { maxKeys: 5 }),
          // the rest goes as JSON text: values as JSON gives them back (-0 as 0)
          fc.dictionary(
            fc.string({ minLength: 1, maxLength: 5 }),
            fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
            { maxKeys: 3 },
          ),
        )
        .map(([id, cols, rest]) => ({ ...rest, ...cols, id }) as Record<string, unknown>),
    );
    fc.assert(
      fc.property(obj, (o) => {
        expectSame(decodeColumns(encodeColumns(o, 'id')), o);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips string columns of more than 255 values: plain text, and mostly hexadecimal ids among other strings', () => {
    const hexId = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => b.toString(16));
    const other = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      hexId.map((h) => `0${h}`), // a leading zero
      hexId.map((h) => h.toUpperCase()),
      fc.bigInt({ min: 2n ** 64n, max: 2n ** 70n }).map((b) => b.toString(16)), // past 64 bits
    );
    const rowsOf = (value: fc.Arbitrary<string>) => fc.uniqueArray(value, { minLength: 256, maxLength: 400 });
    const obj = fc
      .oneof(
        rowsOf(hexId),
        rowsOf(other),
        rowsOf(fc.oneof({ weight: 3, arbitrary: hexId }, { weight: 1, arbitrary: other })),
      )
      .map((id) => ({
        id,
        name: id.map((s) => `${s}·`),
        n: id.map((_, i) => i),
      }));
    fc.assert(
      fc.property(obj, (o) => {
        expectSame(decodeColumns(encodeColumns(o, 'id')), o);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps -0 in numeric columns, empty columns as arrays, and a "__proto__" key', () => {
    const o = JSON.parse(
      '{"__proto__": {"x": 1}, "id": ["a", "b", "c"], "e5": [1.5, -0, 2.25], "i": [1, -0, 2], "d": [0.1, -0, 1e300]}',
    ) as Record<string, unknown>;
    expect(Object.keys(o)[0]).toBe('__proto__');
    expectSame(decodeColumns(encodeColumns(o, 'id')), o);
    const empty = { id: [], hromadaCodes: [], cities: [], version: 2 };
    const back = decodeColumns(encodeColumns(empty, 'id'));
    expect(back).toEqual(empty);
    expect(Array.isArray(back['id'])).toBe(true);
  });

  it('reads bytes at any offset of their buffer', () => {
    const o = { id: ['a', 'b', 'c'], lon: [30.12345, -0.5, 2], n: [1, 2, 3] };
    const bin = encodeColumns(o, 'id');
    const shifted = new Uint8Array(bin.byteLength + 3);
    shifted.set(bin, 3);
    expectSame(decodeColumns(shifted.subarray(3)), o);
    // a Node Buffer (whose slice() is a view, not a copy) inside a larger buffer, with a string column of 300 rows
    const many = {
      id: Array.from({ length: 300 }, (_, i) => `row ${i}`),
      n: Array.from({ length: 300 }, (_, i) => i * 1.5),
    };
    const pooled = Buffer.alloc(encodeColumns(many, 'id').byteLength + 16);
    pooled.set(encodeColumns(many, 'id'), 16);
    expectSame(decodeColumns(pooled.subarray(16)), many);
  });

  it('damaged bytes give a ColumnBinaryError naming what is wrong', () => {
    const bin = encodeColumns({ id: ['a', 'b'], population: [1.5, 2.5], name: ['x', 'y'] }, 'id');
    const bad = (f: (b: Uint8Array) => Uint8Array) => () => decodeColumns(f(bin.slice()));
    expect(bad((b) => new TextEncoder().encode(`{"version":2}${b.length}`))).toThrow(ColumnBinaryError);
    expect(bad((b) => b.subarray(0, 8))).toThrow('not a column binary');
    expect(
      bad((b) => {
        new DataView(b.buffer).setUint32(4, 9, true);
        return b;
      }),
    ).toThrow('format 9, expected 2');
    expect(bad((b) => b.subarray(0, 20))).toThrow('the header runs past the end');
    expect(bad((b) => b.subarray(0, b.byteLength - 8))).toThrow('lies outside the file');
    // a header that parses but is not one: the same error, never a TypeError
    const withHeader = (h: unknown) => {
      const text = new TextEncoder().encode(JSON.stringify(h));
      const out = new Uint8Array(16 + text.length);
      out.set(new TextEncoder().encode('HCCB'));
      new DataView(out.buffer).setUint32(4, 2, true);
      new DataView(out.buffer).setUint32(8, text.length, true);
      out.set(text, 12);
      return () => decodeColumns(out);
    };
    const notHeaders = [
      null,
      [],
      { keys: 1, rest: {}, columns: [], rows: 0 },
      { keys: [], rest: null, columns: [], rows: 0 },
      { keys: [], rest: {}, columns: [null], rows: 0 },
    ];
    for (const h of notHeaders) expect(withHeader(h), JSON.stringify(h)).toThrow(ColumnBinaryError);
    expect(
      withHeader({ keys: ['x'], rest: {}, rows: 1, columns: [{ name: 'x', type: 'u8', offset: -24, parts: [1] }] }),
    ).toThrow('bad descriptor');
  });

  it('will not encode without a row key', () => {
    expect(() => encodeColumns({ x: [1] }, 'id')).toThrow('"id" is not an array');
  });
});
