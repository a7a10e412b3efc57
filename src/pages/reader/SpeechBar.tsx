/** Read-aloud controls, shown while reading aloud: play/pause, speed, stop, progress. */
import { SPEECH_RATES } from '../../shared/settings.js';
import { t } from '../shared/i18n.js';
import type { SpeechStatus } from './speech.js';
import { Icon } from './icons.js';

export function SpeechBar({ status, onToggle, onStop, onRate }: { status: SpeechStatus; onToggle: () => void; onStop: () => void; onRate: (rate: number) => void }) {
  const playing = status.state === 'playing';
  const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined);
  return (
    <section class="speech-bar" aria-label={t('readerListen')}>
      <button type="button" class="bar-button" onClick={onToggle}>
        <Icon name={playing ? 'pause' : 'play'} />
        <span>{playing ? t('readerPause') : t('readerResume')}</span>
      </button>
      <label class="speech-rate">
        <span>{t('speechSpeed')}</span>
        <select value={String(status.rate)} onChange={(event) => onRate(Number((event.target as HTMLSelectElement).value))}>
          {SPEECH_RATES.map((rate) => <option key={rate} value={String(rate)}>{`${numberFormat.format(rate)}×`}</option>)}
        </select>
      </label>
      <button type="button" class="bar-button" onClick={onStop}>
        <Icon name="stop" />
        <span>{t('readerStop')}</span>
      </button>
      <span class="speech-progress">{t('speechProgress', [numberFormat.format(Math.min(status.chunk + 1, status.chunks)), numberFormat.format(status.chunks)])}</span>
    </section>
  );
}
