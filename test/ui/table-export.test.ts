import { describe, expect, it } from 'vitest';
import { csvCell, fmtCsvNumber, tableToCsv, visibleColumns } from '../../src/ui/table/table-export';
import { csvToSheets } from '../../src/io/xlsx-export';

describe('hromada table export', () => {
  it('writes Ukrainian Excel CSV: BOM, `;`, decimal commas, sources as # lines', () => {
    const csv = tableToCsv(['Громада', 'Частка, %'], [['Лиманська', 97.5], ['A;B', -0.19]], 'uk', ['GeoNames (CC BY 4.0)']);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFГромада;Частка, %\r\nЛиманська;97,5\r\n"A;B";-0,19\r\n# GeoNames (CC BY 4.0)\r\n');
  });
  it('writes plain CSV in English: `,` and decimal points', () => {
    const csv = tableToCsv(['Hromada', 'Share'], [['Lymanska', 97.5], [null, 3]], 'en', []);
    expect(csv).toBe('\uFEFFHromada,Share\r\nLymanska,97.5\r\n,3\r\n');
  });
  it('guards formulas and rounds numbers', () => {
    expect(csvCell('=1+1', 'en')).toBe("'=1+1");
    expect(csvCell('a"b', 'en')).toBe('"a""b"');
    expect(fmtCsvNumber(1 / 3, 'uk', 2)).toBe('0,33');
    expect(fmtCsvNumber(NaN, 'uk')).toBe('');
  });
  it('English CSV becomes workbook sheets with numbers and the notes sheet', () => {
    const { data, notes } = csvToSheets(tableToCsv(['a', 'b'], [['x', 1.5]], 'en', ['Source']));
    expect(data[1]).toEqual(['x', 1.5]);
    expect(notes).toEqual([['Source']]);
  });
  it('keeps the table order of visible columns', () => {
    expect(visibleColumns(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
});
