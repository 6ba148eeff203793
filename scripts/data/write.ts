/** Deterministic JSON output and gzip measurement. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A FeatureCollection with one feature per line (readable diffs), no whitespace inside features. */
export function featureCollectionJson(fc: { type: 'FeatureCollection'; features: readonly unknown[] }): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** A top-level object with one key per line; values compact. */
export function objectPerLineJson(o: Record<string, unknown>): string {
  return `{\n${Object.entries(o)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(',\n')}\n}\n`;
}

/** gzip size in bytes at level 9 (what a static server would send, roughly). */
export function gzipSize(text: string): number {
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;
}

export class OutDir {
  readonly written = new Map<string, string>();
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text, 'utf8');
    this.written.set(name, text);
  }
  /** Binary files under `folder` (names may hold subfolders, `z/x/y.pbf`); not in `written` (not start-up files). */
  writeBinary(folder: string, files: ReadonlyMap<string, Uint8Array>): void {
    for (const [name, bytes] of files) {
      const path = join(this.dir, folder, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
  }
}
