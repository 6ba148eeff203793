import { describe, expect, it } from 'vitest';
import { transliterate } from '../../src/i18n/translit';

// Examples from the KMU resolution No. 55 of 27.01.2010 table, plus place names.
const CASES: [string, string][] = [
  ['Алушта', 'Alushta'],
  ['Борщагівка', 'Borshchahivka'],
  ['Вишгород', 'Vyshhorod'],
  ['Гадяч', 'Hadiach'],
  ['Згорани', 'Zghorany'],
  ['Розгон', 'Rozghon'],
  ['Ґалаґан', 'Galagan'],
  ['Ґорґани', 'Gorgany'],
  ['Дон', 'Don'],
  ['Рівне', 'Rivne'],
  ['Єнакієве', 'Yenakiieve'],
  ['Гаєвич', 'Haievych'],
  ["Короп'є", 'Koropie'],
  ['Житомир', 'Zhytomyr'],
  ['Закарпаття', 'Zakarpattia'],
  ['Медвин', 'Medvyn'],
  ['Іршава', 'Irshava'],
  ['Їжакевич', 'Yizhakevych'],
  ['Кадиївка', 'Kadyivka'],
  ["Мар'їне", 'Marine'],
  ['Йосипівка', 'Yosypivka'],
  ['Стрий', 'Stryi'],
  ['Олексій', 'Oleksii'],
  ['Харків', 'Kharkiv'],
  ['Біла Церква', 'Bila Tserkva'],
  ['Чернівці', 'Chernivtsi'],
  ['Шостка', 'Shostka'],
  ['Гоща', 'Hoshcha'],
  ['Юрій', 'Yurii'],
  ['Корюківка', 'Koriukivka'],
  ['Яготин', 'Yahotyn'],
  ['Ічня', 'Ichnia'],
  ['Знам’янка', 'Znamianka'],
  ['Розгін', 'Rozghin'],
  ['Згурівка', 'Zghurivka'],
];

describe('transliterate (KMU 2010)', () => {
  it.each(CASES)('%s → %s', (uk, en) => {
    expect(transliterate(uk)).toBe(en);
  });

  it('treats a hyphen or space as a word start (initial ye/yi/y/yu/ya rules)', () => {
    expect(transliterate("Кам'янець-Подільський")).toBe('Kamianets-Podilskyi');
    expect(transliterate('Нова Ушиця')).toBe('Nova Ushytsia');
    expect(transliterate('Ковель-Ясенівка')).toBe('Kovel-Yasenivka');
    expect(transliterate('село Їжівка')).toBe('selo Yizhivka');
  });

  it('does not let an apostrophe start a new word', () => {
    expect(transliterate("В'язівок")).toBe('Viazivok');
    expect(transliterate('Під’ярків')).toBe('Pidiarkiv');
  });

  it('keeps all-caps words in capitals and leaves non-Ukrainian characters alone', () => {
    expect(transliterate('ЩАСТЯ')).toBe('SHCHASTIA');
    expect(transliterate('ДПРЧ №4 (Київ)')).toBe('DPRCH №4 (Kyiv)');
    expect(transliterate('')).toBe('');
  });
});
