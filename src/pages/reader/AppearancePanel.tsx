/** Theme, font, text size, line width and line spacing. Changes apply and persist at once. */
import { useEffect, useRef } from 'preact/hooks';
import { FONT_SIZES, FONTS, LINE_HEIGHTS, THEMES, WIDTHS, stepFontSize, type ReaderSettings } from '../../shared/settings.js';
import { t } from '../shared/i18n.js';

const themeLabels = { light: 'themeLight', sepia: 'themeSepia', dark: 'themeDark', system: 'themeSystem' } as const;
const fontLabels = { serif: 'fontSerif', sans: 'fontSans' } as const;
const widthLabels = { narrow: 'widthNarrow', medium: 'widthMedium', wide: 'widthWide' } as const;
const leadingLabels = { compact: 'leadingCompact', normal: 'leadingNormal', loose: 'leadingLoose' } as const;

function Choice<K extends string>({ name, legend, options, labels, value, onPick }: {
  name: string; legend: string; options: readonly K[]; labels: Record<K, string>; value: K; onPick: (value: K) => void;
}) {
  return (
    <fieldset class={`choice choice-${name}`}>
      <legend>{legend}</legend>
      <div class="choice-options">
        {options.map((option) => (
          <label key={option} class={`choice-option option-${option}`}>
            <input type="radio" name={`sz-${name}`} value={option} checked={value === option} onChange={() => onPick(option)} />
            <span>{t(labels[option])}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function AppearancePanel({ settings, onChange, onClose }: { settings: ReaderSettings; onChange: (change: Partial<ReaderSettings>) => void; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);
  const min = FONT_SIZES[0];
  const max = FONT_SIZES[FONT_SIZES.length - 1];
  return (
    <section id="sz-appearance" class="appearance-panel" aria-label={t('readerAppearance')} ref={panel}>
      <div class="panel-grid">
        <Choice name="theme" legend={t('settingTheme')} options={THEMES} labels={themeLabels} value={settings.theme} onPick={(theme) => onChange({ theme })} />
        <Choice name="font" legend={t('settingFont')} options={FONTS} labels={fontLabels} value={settings.font} onPick={(font) => onChange({ font })} />
        <fieldset class="choice choice-size">
          <legend>{t('settingSize')}</legend>
          <div class="size-row">
            <button type="button" class="step" onClick={() => onChange({ fontSize: stepFontSize(settings.fontSize, -1) })} disabled={settings.fontSize <= (min ?? 0)} aria-label={t('sizeSmaller')}>
              <span aria-hidden="true" class="step-small">A</span>
            </button>
            <output aria-live="polite">{new Intl.NumberFormat(document.documentElement.lang || undefined).format(settings.fontSize)}px</output>
            <button type="button" class="step" onClick={() => onChange({ fontSize: stepFontSize(settings.fontSize, 1) })} disabled={settings.fontSize >= (max ?? 99)} aria-label={t('sizeLarger')}>
              <span aria-hidden="true" class="step-large">A</span>
            </button>
          </div>
        </fieldset>
        <Choice name="width" legend={t('settingWidth')} options={WIDTHS} labels={widthLabels} value={settings.width} onPick={(width) => onChange({ width })} />
        <Choice name="leading" legend={t('settingLeading')} options={LINE_HEIGHTS} labels={leadingLabels} value={settings.lineHeight} onPick={(lineHeight) => onChange({ lineHeight })} />
      </div>
      <button type="button" class="panel-close" onClick={onClose}>{t('close')}</button>
    </section>
  );
}
