import { createContext, useContext } from 'react';
import { makeT, type Lang, type TFunction } from '../i18n';

export interface I18n {
  lang: Lang;
  t: TFunction;
}

export const I18nContext = createContext<I18n>({ lang: 'uk', t: makeT('uk') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
