/**
 * Minimal OSM writers (XML and PBF with dense nodes, zlib blobs) for test fixtures and synthetic benchmark extracts:
 * the reverse of src/io/roads's readers, so a fixture can be written in both formats from one set of elements.
 */
import { zlibSync } from 'fflate';
import { PbfWriter } from 'pbf';

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}
export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}
export interface OsmData {
  nodes: OsmNode[];
  ways: OsmWay[];
  bbox?: [number, number, number, number];
  /** ISO 8601 replication timestamp. */
  timestamp?: string;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');
const fixed = (v: number): string => (Math.round(v * 1e7) / 1e7).toFixed(7).replace(/\.?0+$/, '');

export function writeOsmXml(d: OsmData): string {
  const out: string[] = [
    "<?xml version='1.0' encoding='UTF-8'?>",
    `<osm version="0.6" generator="hromada-coverage"${d.timestamp ? ` timestamp="${d.timestamp}"` : ''}>`,
  ];
  if (d.bbox)
    out.push(
      `  <bounds minlon="${fixed(d.bbox[0])}" minlat="${fixed(d.bbox[1])}" maxlon="${fixed(d.bbox[2])}" maxlat="${fixed(d.bbox[3])}"/>`,
    );
  const tags = (t: Record<string, string> | undefined): string[] =>
    Object.entries(t ?? {}).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>`);
  for (const n of d.nodes) {
    const t = tags(n.tags);
    const open = `  <node id="${n.id}" lat="${fixed(n.lat)}" lon="${fixed(n.lon)}"`;
    out.push(...(t.length ? [`${open}>`, ...t, '  </node>'] : [`${open}/>`]));
  }
  for (const w of d.ways)
    out.push(`  <way id="${w.id}">`, ...w.refs.map((r) => `    <nd ref="${r}"/>`), ...tags(w.tags), '  </way>');
  out.push('</osm>', '');
  return out.join('\n');
}

function blob(type: string, data: Uint8Array): Uint8Array {
  const z = zlibSync(data);
  const b = new PbfWriter();
  b.writeVarintField(2, data.length);
  b.writeBytesField(3, z);
  const body = b.finish();
  const h = new PbfWriter();
  h.writeStringField(1, type);
  h.writeVarintField(3, body.length);
  const head = h.finish();
  const out = new Uint8Array(4 + head.length + body.length);
  new DataView(out.buffer).setUint32(0, head.length, false);
  out.set(head, 4);
  out.set(body, 4 + head.length);
  return out;
}

class Strings {
  readonly list: string[] = [''];
  private readonly map = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.map.set(s, i);
    }
    return i;
  }
}

function block(st: Strings, group: (w: PbfWriter) => void): Uint8Array {
  const g = new PbfWriter();
  group(g);
  const groupBytes = g.finish();
  const w = new PbfWriter();
  w.writeMessage(
    1,
    (list: string[], p) => {
      for (const s of list) p.writeBytesField(1, new TextEncoder().encode(s));
    },
    st.list,
  );
  w.writeBytesField(2, groupBytes);
  return w.finish();
}

const delta = (a: number[]): number[] => a.map((v, i) => v - (i > 0 ? a[i - 1]! : 0));

/** Writes OSM PBF: one OSMHeader blob, then blocks of at most `perBlock` nodes, then of ways. */
export function writeOsmPbf(d: OsmData, perBlock = 8000): Uint8Array {
  const parts: Uint8Array[] = [];
  const hw = new PbfWriter();
  if (d.bbox) {
    const [w, s, e, n] = d.bbox;
    hw.writeMessage(
      1,
      (_: null, p) => {
        p.writeSVarintField(1, Math.round(w * 1e9));
        p.writeSVarintField(2, Math.round(e * 1e9));
        p.writeSVarintField(3, Math.round(n * 1e9));
        p.writeSVarintField(4, Math.round(s * 1e9));
      },
      null,
    );
  }
  hw.writeStringField(4, 'OsmSchema-V0.6');
  hw.writeStringField(4, 'DenseNodes');
  hw.writeStringField(16, 'hromada-coverage');
  if (d.timestamp) hw.writeVarintField(32, Date.parse(d.timestamp) / 1000);
  parts.push(blob('OSMHeader', hw.finish()));
  for (let i = 0; i < d.nodes.length; i += perBlock) {
    const nodes = d.nodes.slice(i, i + perBlock);
    const st = new Strings();
    const kv: number[] = [];
    for (const n of nodes) {
      for (const [k, v] of Object.entries(n.tags ?? {})) kv.push(st.id(k), st.id(v));
      kv.push(0);
    }
    const data = block(st, (g) =>
      g.writeMessage(
        2,
        (_: null, p) => {
          p.writePackedSVarint(1, delta(nodes.map((n) => n.id)));
          p.writePackedSVarint(8, delta(nodes.map((n) => Math.round(n.lat * 1e7))));
          p.writePackedSVarint(9, delta(nodes.map((n) => Math.round(n.lon * 1e7))));
          if (kv.some((x) => x !== 0)) p.writePackedVarint(10, kv);
        },
        null,
      ),
    );
    parts.push(blob('OSMData', data));
  }
  for (let i = 0; i < d.ways.length; i += perBlock) {
    const ways = d.ways.slice(i, i + perBlock);
    const st = new Strings();
    for (const w of ways)
      for (const [k, v] of Object.entries(w.tags)) {
        st.id(k);
        st.id(v);
      }
    const data = block(st, (g) => {
      for (const w of ways)
        g.writeMessage(
          3,
          (_: null, p) => {
            p.writeVarintField(1, w.id);
            p.writePackedVarint(
              2,
              Object.keys(w.tags).map((k) => st.id(k)),
            );
            p.writePackedVarint(
              3,
              Object.values(w.tags).map((v) => st.id(v)),
            );
            p.writePackedSVarint(8, delta(w.refs));
          },
          null,
        );
    });
    parts.push(blob('OSMData', data));
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
