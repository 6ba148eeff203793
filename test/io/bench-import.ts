/**
 * Import speed of a large facilities CSV (not a test): `npx tsx test/io/bench-import.ts [rows]`.
 * Prints the time of importFacilities on N rows (default 100,000) with a bbox-only context and, when public/geo is
 * present, with the country's hromada polygons, border and no-data areas (point-in-polygon per row), and peak heap.
 */
import { existsSync, readFileSync } from 'node:fs';
import { buildImportContext, importFacilities } from '../../src/io';
import { parseEmbedded } from '../../src/io/embedded';

const n = Number(process.argv[2] ?? 100_000);
const types = ['ДПРЧ', 'МПО', 'ДПК', 'ЦБГ', 'відділ поліції', 'поліцейська станція'];
// Points on a grid over central Ukraine (all inside the country), Ukrainian headers, semicolons, decimal commas.
const lines = ['Ідентифікатор;Назва;Тип;Статус;Широта;Довгота'];
for (let i = 0; i < n; i++) {
  const lat = (48.0 + (i % 300) * 0.01).toFixed(5).replace('.', ',');
  const lon = (26.0 + (Math.floor(i / 300) % 800) * 0.01).toFixed(5).replace('.', ',');
  lines.push(`f${i};Приклад: підрозділ ${i};${types[i % 6]};діючий;${lat};${lon}`);
}
const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
console.log(`${n} rows, ${(bytes.length / 1048576).toFixed(1)} MB`);

function run(label: string, ctx: ReturnType<typeof buildImportContext>): void {
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = importFacilities(bytes, 'bench.csv', ctx);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `${label}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${r.rows.length} kept, ${r.rejected.length} rejected)`,
    );
  }
}

run('bbox-only context', buildImportContext({}));
const dir = new URL('../../public/geo/', import.meta.url);
if (existsSync(new URL('hromadas.geojson', dir))) {
  const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  const hromadas = read('hromadas.geojson');
  const emb = parseEmbedded({ hromadas, demand: read('demand.json'), facilities: read('facilities.geojson') });
  const t = performance.now();
  const ctx = buildImportContext({
    hromadas: emb.hromadas,
    demand: emb.demand,
    polygons: hromadas as never,
    border: read('border.geojson') as never,
    noData: read('no_data.geojson') as never,
    unlocated: read('unlocated.json') as never,
  });
  console.log(`buildImportContext (country): ${(performance.now() - t).toFixed(0)} ms`);
  run('country context (point-in-polygon)', ctx);
}
console.log(`heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
