/**
 * Streaming OSM XML reader over saxes (https://github.com/lddubeau/saxes): the file is decoded and written chunk by
 * chunk (`parser.write`), and only the element being read (a node's tags, a way's refs) is held. saxen, already a
 * dependency, parses one whole string, so a 1 GB .osm would have to be in memory at once; saxes is strict, well
 * kept and takes chunks.
 */
import { SaxesParser } from 'saxes';
import { roadsError } from './errors';
import type { OsmHandler, OsmStreamReader, OsmTags } from './osm';

export class XmlStreamReader implements OsmStreamReader {
  private readonly parser = new SaxesParser({ xmlns: false });
  private readonly dec = new TextDecoder('utf-8');
  private depth = 0;
  private root = '';
  private headerSent = false;
  private bbox: [number, number, number, number] | null = null;
  private timestamp = '';
  private generator = '';
  private kind: 'node' | 'way' | '' = '';
  private id = 0;
  private lon = 0;
  private lat = 0;
  private tags: OsmTags = {};
  private tagCount = 0;
  private refs = new Float64Array(1024);
  private refCount = 0;
  private failure: Error | null = null;

  constructor(private readonly h: OsmHandler) {
    const p = this.parser;
    p.on('error', (e) => {
      this.failure ??= roadsError(
        'bad_xml',
        `The OSM XML is not well formed: ${e.message}`,
        `OSM XML пошкоджено (неправильна розмітка): ${e.message}`,
      );
    });
    p.on('opentag', (t) => {
      const a = t.attributes as Record<string, string>;
      this.depth++;
      if (this.depth === 1) {
        this.root = t.name;
        if (t.name !== 'osm')
          throw notOsm(`its root element is <${t.name}>, not <osm>`, `його кореневий елемент <${t.name}>, а не <osm>`);
        this.timestamp = a['timestamp'] ?? '';
        this.generator = a['generator'] ?? '';
        return;
      }
      if (this.depth !== 2 && !(this.depth === 3 && this.kind !== '')) return;
      switch (t.name) {
        case 'bounds': {
          const n = (k: string): number => Number(a[k]);
          const b: [number, number, number, number] = [n('minlon'), n('minlat'), n('maxlon'), n('maxlat')];
          if (b.every(Number.isFinite)) this.bbox = b;
          break;
        }
        case 'node':
          this.start('node', a);
          this.lon = Number(a['lon']);
          this.lat = Number(a['lat']);
          break;
        case 'way':
          this.start('way', a);
          break;
        case 'relation':
          this.sendHeader();
          break;
        case 'tag':
          if (this.kind === 'way' || (this.kind === 'node' && this.h.nodeTags)) {
            const k = a['k'];
            if (k !== undefined) {
              this.tags[k] = a['v'] ?? '';
              this.tagCount++;
            }
          }
          break;
        case 'nd':
          if (this.kind === 'way') {
            if (this.refCount === this.refs.length) {
              const b = new Float64Array(this.refCount * 2);
              b.set(this.refs);
              this.refs = b;
            }
            this.refs[this.refCount++] = Number(a['ref']);
          }
          break;
      }
    });
    p.on('closetag', (t) => {
      this.depth--;
      if (this.depth !== 1) return;
      if (t.name === 'node' && this.kind === 'node') {
        if (this.h.node && Number.isFinite(this.lon) && Number.isFinite(this.lat))
          this.h.node(this.id, this.lon, this.lat, this.tagCount > 0 ? this.tags : null);
      } else if (t.name === 'way' && this.kind === 'way') {
        const keys = this.h.wayKeys;
        if (keys && !keys.some((k) => this.tags[k] !== undefined)) {
          // not wanted (same rule as the PBF reader)
        } else if (this.h.way && (!this.h.wayFilter || this.h.wayFilter(this.tags)))
          this.h.way(this.id, this.tags, this.refs, this.refCount);
      }
      this.kind = '';
    });
  }

  private start(kind: 'node' | 'way', a: Record<string, string>): void {
    this.sendHeader();
    this.kind = kind;
    this.id = Number(a['id']);
    if (this.tagCount > 0) this.tags = {};
    this.tagCount = 0;
    this.refCount = 0;
  }

  private sendHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.h.header?.({ timestamp: this.timestamp, bbox: this.bbox, generator: this.generator });
  }

  push(chunk: Uint8Array): void {
    this.parser.write(this.dec.decode(chunk, { stream: true }));
    if (this.failure) throw this.failure;
  }

  end(): void {
    this.parser.write(this.dec.decode());
    this.parser.close();
    if (this.failure) throw this.failure;
    if (this.root === '') throw notOsm('it has no XML elements', 'у ньому немає елементів XML');
    this.sendHeader();
  }
}

function notOsm(why: string, whyUk: string): Error {
  return roadsError('not_osm', `This is not an OSM XML file: ${why}`, `Це не файл OSM XML: ${whyUk}`);
}

/** True when the text starts like XML (after a BOM and white space). */
export function looksLikeXml(b: Uint8Array): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b[i] === 0x3c;
}
