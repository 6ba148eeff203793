/** Types of the parts of untyped parser libraries that src/io uses. */

declare module 'saxen' {
  type Decode = (s: string) => string;
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: 'openTag', cb: (name: string, attrs: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void): this;
    on(event: 'closeTag', cb: (name: string, decode: Decode, selfClosing: boolean) => void): this;
    on(event: 'text', cb: (value: string, decode: Decode) => void): this;
    on(event: 'cdata', cb: (value: string) => void): this;
    on(event: 'error' | 'warn', cb: (err: Error) => void): this;
    parse(xml: string): this;
  }
}

declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** .shp bytes → geometries in file order (null for null shapes); with `prj`, converted by proj4. */
  export function parseShp(shp: ArrayBuffer | DataView | Uint8Array, prj?: string): (Geometry | null)[];
  /** .dbf bytes → one attribute object per record; `cpg` names the encoding (e.g. `windows-1251`). */
  export function parseDbf(dbf: ArrayBuffer | DataView | Uint8Array, cpg?: string): Record<string, unknown>[];
}
