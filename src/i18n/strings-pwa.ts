/**
 * Strings of the installable offline app (src/ui/UpdatePrompt.tsx), Ukrainian first; `enPwa` has the same keys.
 * Kept apart from strings.ts: the prompt looks them up itself by the interface language.
 */
export const ukPwa = {
  pwaUpdateAvailable: 'Доступна нова версія',
  pwaReload: 'Оновити',
  pwaReloadTitle: 'Перезавантажити сторінку з новою версією застосунку (імпортовані дані й сценарії збережуться)',
  pwaLater: 'Пізніше',
  pwaOfflineReady: 'Застосунок збережено: далі він відкриватиметься й без мережі',
};

export type PwaStringKey = keyof typeof ukPwa;

export const enPwa: Record<PwaStringKey, string> = {
  pwaUpdateAvailable: 'A new version is available',
  pwaReload: 'Reload',
  pwaReloadTitle: 'Reload the page with the new version of the app (imported data and scenarios are kept)',
  pwaLater: 'Later',
  pwaOfflineReady: 'The app is saved: from now on it opens with no network too',
};
