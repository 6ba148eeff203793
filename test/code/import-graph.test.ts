/**
 * The import graph of src: no cycles, and the layering of the README (ui → map/state → worker → io/engine; a lower
 * layer never imports a higher one). Every import counts, `import type` and `import('…')` types included, so a cycle
 * cannot hide behind a type. The graph is read with the TypeScript compiler's pre-processor (no type checking).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return filesUnder(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A relative specifier resolved to a file of src, or null (packages, assets, `?url` imports). */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const p of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(p).isFile() && /\.tsx?$/.test(p)) return p;
    } catch {
      // not this one
    }
  }
  return null;
}

/** src-relative path → the src-relative paths it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      const to = resolveImport(file, fileName);
      if (to) deps.add(relative(SRC, to));
    }
    graph.set(relative(SRC, file), [...deps].sort());
  }
  return graph;
}

/** Every elementary cycle's strongly connected component (Tarjan), each as a sorted file list. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** Layer (top folder of src) → the layers it must not import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  engine: ['io', 'worker', 'state', 'map', 'ui', 'cli'],
  io: ['worker', 'state', 'map', 'ui', 'cli'],
  worker: ['state', 'map', 'ui', 'cli'],
  state: ['ui', 'cli'],
  map: ['ui', 'cli'],
  i18n: ['worker', 'state', 'map', 'ui', 'cli'],
};

const layerOf = (path: string): string => path.split(/[\\/]/)[0] ?? '';

describe('import graph of src', () => {
  const graph = importGraph();

  it('reads the whole of src', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join('cli', 'coverage.ts'))).toContain(join('io', 'coverage-writers.ts'));
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('never imports a higher layer from a lower one (ui → map/state → worker → io/engine)', () => {
    const wrong: string[] = [];
    for (const [from, deps] of graph) {
      const forbidden = FORBIDDEN[layerOf(from)] ?? [];
      for (const to of deps) if (forbidden.includes(layerOf(to))) wrong.push(`${from} → ${to}`);
    }
    expect(wrong).toEqual([]);
  });
});
