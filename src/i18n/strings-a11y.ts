/**
 * Strings of phones, keyboard and screen readers (issue 16 points 3 and 4): the sheets, the map's own controls and
 * the planner's keyboard list of stations. Ukrainian first; `enA11y` must have the same keys. Merged into the app's
 * tables in strings.ts.
 */
export const ukA11y = {
  a11y_layersButton: 'Шари й параметри',
  // The map's save button: its name starts with what it shows ("PNG").
  a11y_saveMapName: 'PNG: зберегти карту як зображення',
  a11y_sheetExpand: 'Розгорнути панель на весь екран',
  a11y_sheetCollapse: 'Згорнути панель',
  a11y_legendShow: 'Легенда',
  a11y_mapTitle: 'Карта покриття громад',
  a11y_zoomIn: 'Наблизити',
  a11y_zoomOut: 'Віддалити',
  a11y_resetBearing: 'Повернути карту на північ',
  a11y_toggleAttribution: 'Показати або сховати джерела карти',
  a11y_pickTitle: 'Вибрати наявний підрозділ',
  a11y_pickHint: 'Без миші: перелік підрозділів біля центру карти або у вибраній громаді; вибраний відкривається для редагування, як після клацання на карті.',
  a11y_pickNearCentre: 'Біля центру карти',
  a11y_pickInHromada: 'У громаді: {name}',
  a11y_pickListNear: 'Найближчі до центру карти ({n})',
  a11y_pickListHromada: 'У громаді {name} ({n})',
  a11y_pickNone: 'Тут немає підрозділів.',
  a11y_pickItem: '{name} · {type} · {km} км',
  a11y_pickItemHromada: '{name} · {type}',
};

export type A11yStringKey = keyof typeof ukA11y;

export const enA11y: Record<A11yStringKey, string> = {
  a11y_layersButton: 'Layers & parameters',
  a11y_saveMapName: 'PNG: save the map as an image',
  a11y_sheetExpand: 'Expand the panel to the full screen',
  a11y_sheetCollapse: 'Collapse the panel',
  a11y_legendShow: 'Legend',
  a11y_mapTitle: 'Hromada coverage map',
  a11y_zoomIn: 'Zoom in',
  a11y_zoomOut: 'Zoom out',
  a11y_resetBearing: 'Reset the map to north',
  a11y_toggleAttribution: 'Show or hide the map credits',
  a11y_pickTitle: 'Select an existing station',
  a11y_pickHint: 'Without a mouse: a list of the stations near the centre of the map or in the selected hromada; the one chosen opens for editing, as a click on the map does.',
  a11y_pickNearCentre: 'Near the map centre',
  a11y_pickInHromada: 'In the hromada: {name}',
  a11y_pickListNear: 'Nearest to the map centre ({n})',
  a11y_pickListHromada: 'In {name} hromada ({n})',
  a11y_pickNone: 'No stations here.',
  a11y_pickItem: '{name} · {type} · {km} km',
  a11y_pickItemHromada: '{name} · {type}',
};

/** MapLibre's own interface strings (its `locale` option) in the interface language. */
export function mapUiStrings(lang: 'uk' | 'en'): Record<string, string> {
  const s = lang === 'uk' ? ukA11y : enA11y;
  return {
    'Map.Title': s.a11y_mapTitle,
    'NavigationControl.ZoomIn': s.a11y_zoomIn,
    'NavigationControl.ZoomOut': s.a11y_zoomOut,
    'NavigationControl.ResetBearing': s.a11y_resetBearing,
    'AttributionControl.ToggleAttribution': s.a11y_toggleAttribution,
    'ScaleControl.Meters': lang === 'uk' ? 'м' : 'm',
    'ScaleControl.Kilometers': lang === 'uk' ? 'км' : 'km',
  };
}
