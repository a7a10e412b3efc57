/**
 * Every UI string goes through _locales. English is the reference: each other locale must have
 * every English key, a non-empty message, and the same placeholders; and every key the code
 * asks for with t('…') or i18n.getMessage('…') must exist in English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const localesDir = join(root, '_locales');
const REQUIRED = ['en', 'ru', 'uk', 'fa', 'zh_CN', 'es'];

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}

function load(locale: string): Record<string, Message> {
  return JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8')) as Record<string, Message>;
}

/** $NAME$ references in a message, lower-cased as the browser matches them. */
function references(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
}

const locales = readdirSync(localesDir).filter((name) => statSync(join(localesDir, name)).isDirectory());
const en = load('en');

describe('locales', () => {
  it('include every required translation', () => {
    for (const locale of REQUIRED) expect(locales).toContain(locale);
  });

  it('use key names the browsers accept', () => {
    for (const locale of locales) {
      for (const key of Object.keys(load(locale))) expect(key, `${locale}: ${key}`).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  for (const locale of locales.filter((name) => name !== 'en')) {
    describe(locale, () => {
      const messages = load(locale);

      it('has every key that English has', () => {
        const missing = Object.keys(en).filter((key) => !(key in messages));
        expect(missing, `keys missing in _locales/${locale}/messages.json`).toEqual([]);
      });

      it('has no key that English lacks', () => {
        const extra = Object.keys(messages).filter((key) => !(key in en));
        expect(extra, `keys only in _locales/${locale}`).toEqual([]);
      });

      it('has a non-empty message with the same placeholders for each key', () => {
        for (const [key, reference] of Object.entries(en)) {
          const translated = messages[key];
          if (!translated) continue;
          expect(translated.message.trim(), `${locale}: ${key} is empty`).not.toBe('');
          expect(references(translated.message), `${locale}: ${key} placeholders used`).toEqual(references(reference.message));
          expect(Object.keys(translated.placeholders ?? {}).map((p) => p.toLowerCase()).sort(), `${locale}: ${key} placeholders declared`)
            .toEqual(Object.keys(reference.placeholders ?? {}).map((p) => p.toLowerCase()).sort());
        }
      });
    });
  }

  it('declare every placeholder they use', () => {
    for (const locale of locales) {
      for (const [key, entry] of Object.entries(load(locale))) {
        const declared = Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase());
        for (const used of references(entry.message)) expect(declared, `${locale}: ${key} uses $${used}$`).toContain(used);
      }
    }
  });

  it('name their own language and direction (the pages rely on uiLocale and uiDir)', () => {
    for (const locale of locales) {
      const messages = load(locale);
      expect(messages.uiLocale?.message.replace('-', '_'), locale).toBe(locale);
      expect(['ltr', 'rtl']).toContain(messages.uiDir?.message);
    }
    expect(load('fa').uiDir?.message).toBe('rtl');
  });

  it('cover every key the code asks for', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name)) files.push(path);
      }
    };
    walk(join(root, 'src'));
    const asked = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(m[1]!);
    }
    // The manifest's __MSG_…__ names too.
    const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
    for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) asked.add(m[1]!);
    const missing = [...asked].filter((key) => !key.startsWith('@@') && !(key in en)).sort();
    expect(missing, 'keys used in src/ or manifest.json but missing from _locales/en').toEqual([]);
  });
});
