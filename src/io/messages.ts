/**
 * Ukrainian and English text for every RowIssueCode and FileErrorCode. The CLI uses English, the UI both.
 * Messages are plain text (the UI renders them as text, never HTML).
 */
import type { FileError, FileErrorCode, RowIssue, RowIssueCode } from './types';

export type Lang = 'uk' | 'en';

/** Short title of each row issue. */
export const ROW_ISSUE_TITLES: Readonly<Record<RowIssueCode, Readonly<Record<Lang, string>>>> = {
  missing_coordinates: { uk: 'Немає координат', en: 'Missing coordinates' },
  non_numeric_coordinates: { uk: 'Координати не є числами', en: 'Coordinates are not numbers' },
  outside_ukraine: { uk: 'Точка поза межами України', en: 'Point outside Ukraine' },
  swapped_lat_lon: { uk: 'Широту й довготу переплутано місцями', en: 'Latitude and longitude swapped' },
  near_border: { uk: 'Поблизу кордону', en: 'Near the border' },
  projected_coordinates: {
    uk: 'Координати в метрах проєкції, а не в градусах',
    en: 'Projected coordinates (metres), not degrees',
  },
  duplicate_id: { uk: 'Повторюваний ідентифікатор', en: 'Duplicate id' },
  missing_id: { uk: 'Немає ідентифікатора', en: 'Missing id' },
  unknown_type: { uk: 'Невідомий тип', en: 'Unknown type' },
  unknown_status: { uk: 'Невідомий статус', en: 'Unknown status' },
  population_not_a_number: { uk: 'Населення не є числом', en: 'Population is not a number' },
  unknown_settlement: { uk: 'Невідомий населений пункт', en: 'Unknown settlement' },
  unknown_facility_id: { uk: 'Невідомий підрозділ', en: 'Unknown facility id' },
  unknown_demand_id: { uk: 'Невідомий населений пункт (demand_id)', en: 'Unknown demand id' },
  minutes_not_a_number: { uk: 'Час не є числом', en: 'Minutes are not a number' },
  wrong_geometry: { uk: 'Неправильний тип геометрії', en: 'Wrong geometry type' },
  missing_field: { uk: 'Порожнє обовʼязкове поле', en: 'Required field is empty' },
  ambiguous_settlement: { uk: 'Назва відповідає кільком населеним пунктам', en: 'Name matches several places' },
  wrong_field_count: { uk: 'Зайві поля в рядку', en: 'Too many fields in the row' },
  negative_value: { uk: 'Відʼємне значення', en: 'Negative value' },
  unknown_hromada_code: { uk: 'Невідомий код громади', en: 'Unknown hromada code' },
  not_a_hromada_code: { uk: 'Код не громади', en: 'Not a hromada code' },
  bad_date: { uk: 'Неправильна дата', en: 'Bad date' },
  placed_at_settlement: {
    uk: 'Розміщено в точці населеного пункту',
    en: 'Placed at the settlement point',
  },
  placed_at_hromada_centre: { uk: 'Розміщено в центрі громади', en: 'Placed at the hromada centre' },
  time_not_positive: { uk: 'Час не більший за нуль', en: 'Time is not above zero' },
};

const q = (s: string | undefined): string => `«${s ?? ''}»`;
const list = (c: readonly string[] | undefined): string => (c && c.length > 0 ? c.join('; ') : '');

/** Ukrainian sentence for an issue, using its field, value and candidates. */
function uk(i: RowIssue): string {
  const f = i.field ? ` (${i.field})` : '';
  switch (i.code) {
    case 'missing_coordinates':
      return i.field
        ? `Поле ${i.field} порожнє`
        : 'Немає широти й довготи, а також коду КАТОТТГ, назви населеного пункту чи громади, щоб розмістити обʼєкт';
    case 'non_numeric_coordinates':
      return `Значення ${q(i.value)}${f} не є числом`;
    case 'outside_ukraine':
      return `Точка з широтою й довготою ${i.value ?? ''} лежить поза межами України`;
    case 'swapped_lat_lon':
      return `Широту й довготу, схоже, переплутано місцями; правильно: ${list(i.candidates)}`;
    case 'near_border':
      return `Точка ${i.value ?? ''} лежить за ${(i.candidates?.[0] ?? '').replace('.', ',')} км поза спрощеним кордоном; прийнято як точку поблизу кордону`;
    case 'projected_coordinates':
      return i.candidates?.[0] === 'EPSG:3857'
        ? `Координати ${i.value ?? ''} схожі на метри Web Mercator (EPSG:3857)${i.candidates[1] ? `, ≈ ${i.candidates[1]}` : ''}; збережіть файл у WGS84 (EPSG:4326), у градусах`
        : `Координати ${i.value ?? ''} — у метрах проєкції (UTM, Гаусса–Крюгера тощо), а не в градусах; збережіть файл у WGS84 (EPSG:4326)`;
    case 'duplicate_id':
      return i.candidates && i.candidates.length > 0
        ? `Ідентифікатор ${q(i.value)} вже є в рядку ${i.candidates[0]}`
        : `Ідентифікатор ${q(i.value)} вже має завантажений підрозділ`;
    case 'missing_id':
      return i.value
        ? `Немає ідентифікатора; створено сталий ідентифікатор ${q(i.value)} за номером рядка`
        : 'Немає ідентифікатора чи коду КАТОТТГ';
    case 'unknown_type':
      return `${i.value ? `Тип ${q(i.value)} невідомий` : 'Тип не вказано'}${f}; допустимі: ${list(i.candidates)}`;
    case 'unknown_status':
      return `Статус ${q(i.value)} невідомий; допустимі: ${list(i.candidates)}`;
    case 'population_not_a_number':
      return `Населення ${q(i.value)} не є числом`;
    case 'unknown_settlement':
      return `Населений пункт або громаду ${q(i.value)} не знайдено${f}`;
    case 'unknown_facility_id':
      return `Підрозділу ${q(i.value)} немає серед завантажених`;
    case 'unknown_demand_id':
      return `Населеного пункту ${q(i.value)} немає серед завантажених`;
    case 'minutes_not_a_number':
      return `Час ${q(i.value)} не є числом`;
    case 'wrong_geometry':
      return i.candidates
        ? `Геометрія ${i.value ?? ''}; потрібна ${i.candidates.join(' або ')}`
        : `Неправильна геометрія: ${i.detail}`;
    case 'missing_field':
      return i.field === 'category'
        ? 'Категорію не вказано; прочитано як село (сільська норма)'
        : `Поле ${i.field ?? ''} порожнє`;
    case 'ambiguous_settlement':
      return `Назва ${q(i.value)} відповідає кільком місцям: ${list(i.candidates)}. Додайте код КАТОТТГ, громаду або область`;
    case 'wrong_field_count':
      return `У рядку ${i.value ?? ''} полів, а в заголовку ${i.candidates?.[0] ?? ''}; можливо, десяткові коми без лапок у файлі з комами`;
    case 'negative_value':
      return `Значення ${q(i.value)}${f} менше нуля`;
    case 'unknown_hromada_code':
      return `Код ${q(i.value)} не є кодом КАТОТТГ жодної громади з довідника${i.value && !/^UA\d{17}$/.test(i.value) ? ' (код має вигляд UA і 17 цифр)' : ''}`;
    case 'not_a_hromada_code': {
      const level = i.candidates?.[0];
      const what = level === 'settlement' ? 'населеного пункту' : level === 'raion' ? 'району' : level === 'oblast' ? 'області' : 'не громади';
      const within = i.candidates?.[1] ? `; він належить до громади ${i.candidates[1]}` : '';
      return `Код ${q(i.value)} — код ${what}, а не громади${within}. У переліку потрібні коди громад`;
    }
    case 'bad_date':
      return i.candidates?.[0]
        ? `Дата завершення ${q(i.value)} раніша за дату початку ${q(i.candidates[0])}`
        : `Дата ${q(i.value)}${f} не є датою у вигляді ДД.ММ.РРРР або РРРР-ММ-ДД`;
    case 'placed_at_settlement':
      return `Координат немає; розміщено в точці населеного пункту ${list(i.candidates)} (не за адресою)`;
    case 'placed_at_hromada_centre':
      return `Координат немає; розміщено в центрі громади ${list(i.candidates)}`;
    case 'time_not_positive':
      return `Час ${q(i.value)}${f} не більший за нуль; потрібен час поїздки понад 0 хвилин`;
  }
}

/**
 * Localized message for a row issue: `Рядок 5: …` / `Row 5: …`. English uses the issue's own detail.
 * @example rowIssueMessage({ row: 3, code: 'population_not_a_number', value: 'abc', detail: '…', raw: {} }, 'uk')
 *   // 'Рядок 3: Населення «abc» не є числом'
 */
export function rowIssueMessage(issue: RowIssue, lang: Lang): string {
  if (lang === 'en') return `Row ${issue.row}: ${ROW_ISSUE_TITLES[issue.code].en}: ${issue.detail}`;
  return `Рядок ${issue.row}: ${uk(issue)}`;
}

export const FILE_ERROR_TITLES: Readonly<Record<FileErrorCode, Readonly<Record<Lang, string>>>> = {
  not_csv_or_geojson: {
    uk: 'Файл не є CSV чи GeoJSON і не є таблицею XLSX, shapefile у ZIP чи KML/KMZ. Збережіть таблицю як CSV або XLSX, карту — як GeoJSON',
    en: 'The file is not CSV or GeoJSON, nor an XLSX workbook, a zipped shapefile or KML/KMZ. Save the spreadsheet as CSV or XLSX, the map as GeoJSON',
  },
  empty: { uk: 'Файл порожній', en: 'The file is empty' },
  invalid_json: { uk: 'Файл GeoJSON/JSON пошкоджений (помилка синтаксису JSON)', en: 'Invalid JSON' },
  wrong_geometry_type: {
    uk: 'Неправильний тип геометрії: для підрозділів і населених пунктів потрібні точки (Point), для меж громад — полігони (Polygon/MultiPolygon)',
    en: 'Wrong geometry type: facilities and settlements need Points, boundaries need Polygons/MultiPolygons',
  },
  too_large: { uk: 'Файл більший за 100 МБ', en: 'The file is over 100 MB' },
  no_usable_columns: {
    uk: 'Не знайдено потрібних стовпців (наприклад, широта/довгота, тип, населення, facility_id/demand_id/minutes)',
    en: 'No usable columns (e.g. lat/lon, type, population, facility_id/demand_id/minutes)',
  },
  not_a_scenario: { uk: 'Це не файл сценарію «Покриття громад»', en: 'Not a Hromada Coverage scenario file' },
  xlsx_not_supported: {
    uk: 'Старі книги Excel (.xls) і OpenDocument (.ods) не читаються. Збережіть файл як .xlsx або CSV',
    en: 'Old Excel workbooks (.xls) and OpenDocument (.ods) are not read. Save the file as .xlsx or CSV',
  },
  damaged_file: {
    uk: 'Файл пошкоджений: його не вдалося розпакувати чи прочитати',
    en: 'The file is damaged: it could not be unpacked or read',
  },
  sheet_not_found: { uk: 'У книзі немає такого аркуша', en: 'The workbook has no such sheet' },
  unknown_crs: {
    uk: 'Систему координат файлу .prj не вдалося перерахувати у WGS84 (EPSG:4326). Збережіть шар у WGS84',
    en: 'The coordinate system of the .prj cannot be converted to WGS84 (EPSG:4326). Save the layer in WGS84',
  },
  no_layer: {
    uk: 'В архіві немає шару: потрібен shapefile (.shp, .dbf, .prj), файл KML або книга Excel',
    en: 'No layer in the archive: a shapefile (.shp, .dbf, .prj), a KML file or an Excel workbook is needed',
  },
};

/**
 * Localized message for a file error; the English detail (file name, what was found) follows in both languages.
 * @example fileErrorMessage({ code: 'empty', detail: 'x.csv has no content' }, 'en') // 'The file is empty (x.csv has no content)'
 */
export function fileErrorMessage(err: FileError, lang: Lang): string {
  return `${FILE_ERROR_TITLES[err.code][lang]} (${err.detail})`;
}
