/**
 * Read aloud with the browser's speech synthesis. The text is spoken in short chunks (browsers
 * cut off long utterances), one after another. Pausing cancels the current chunk and remembers
 * where it was (speechSynthesis.pause() is unreliable across browsers); playing again resumes
 * from that chunk, and a speed change restarts the current chunk at the new rate. The synthesis
 * object and the utterance constructor are injected so the controller is unit-tested with fakes.
 */

export interface UtteranceLike {
  text: string;
  lang: string;
  rate: number;
  voice: VoiceLike | null;
  onend: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

export interface SynthesisLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  getVoices(): VoiceLike[];
}

export type SpeechState = 'idle' | 'playing' | 'paused';

export interface SpeechStatus {
  state: SpeechState;
  /** Index of the chunk being (or about to be) spoken. */
  chunk: number;
  chunks: number;
  /** Index of the block (paragraph, heading…) the current chunk belongs to. */
  block: number;
  rate: number;
  /** Why reading stopped on its own (the synthesis error), until the next play. */
  error: string | null;
}

const MAX_CHUNK = 220;

/** Splits text into speakable chunks: paragraphs, long ones cut at sentence ends, then at spaces. */
export function chunkText(text: string, max = MAX_CHUNK): string[] {
  const chunks: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const clean = paragraph.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    if (clean.length <= max) {
      chunks.push(clean);
      continue;
    }
    // Sentence ends in Latin, Cyrillic, Arabic-script and CJK text.
    const sentences = clean.match(/[^.!?…。！？؟]+(?:[.!?…。！？؟]+["'»”)]*\s*|$)/g) ?? [clean];
    let current = '';
    for (const sentence of sentences) {
      if (current && (current + sentence).length > max) {
        chunks.push(current.trim());
        current = '';
      }
      current += sentence;
      while (current.length > max) {
        const cut = current.lastIndexOf(' ', max);
        const at = cut > max / 2 ? cut : max;
        chunks.push(current.slice(0, at).trim());
        current = current.slice(at);
      }
    }
    if (current.trim()) chunks.push(current.trim());
  }
  return chunks;
}

/** The best voice for a language: an exact match, then the same primary language; local first. */
export function pickVoice(voices: VoiceLike[], lang: string | null | undefined): VoiceLike | null {
  if (!lang) return null;
  const wanted = lang.toLowerCase().replace('_', '-');
  const primary = wanted.split('-')[0];
  const rank = (voice: VoiceLike) => {
    const have = voice.lang.toLowerCase().replace('_', '-');
    if (have === wanted) return 0;
    if (have.split('-')[0] === primary) return 1;
    return -1;
  };
  const matches = voices.filter((voice) => rank(voice) >= 0);
  matches.sort((a, b) => rank(a) - rank(b) || Number(Boolean(b.localService)) - Number(Boolean(a.localService)) || Number(Boolean(b.default)) - Number(Boolean(a.default)));
  return matches[0] ?? null;
}

export class SpeechController {
  private chunks: string[] = [];
  /** For each chunk, the block it came from. */
  private owners: number[] = [];
  private index = 0;
  private state: SpeechState = 'idle';
  private rate: number;
  private lang = '';
  private error: string | null = null;
  /** Bumped on every cancel, so events of cancelled utterances are ignored. */
  private generation = 0;
  private listeners = new Set<(status: SpeechStatus) => void>();

  constructor(
    private readonly synth: SynthesisLike,
    private readonly makeUtterance: (text: string) => UtteranceLike,
    rate = 1,
  ) {
    this.rate = rate;
  }

  /** Sets what to read (stopping anything being read): paragraphs separated by blank lines. */
  load(text: string, lang: string | null): void {
    this.loadBlocks(text.split(/\n\s*\n/), lang);
  }

  /** Sets what to read as blocks (paragraphs, headings…), so the reader can show the one read. */
  loadBlocks(blocks: string[], lang: string | null): void {
    this.stop();
    this.chunks = [];
    this.owners = [];
    blocks.forEach((block, i) => {
      for (const chunk of chunkText(block)) {
        this.chunks.push(chunk);
        this.owners.push(i);
      }
    });
    this.lang = lang ?? '';
  }

  get status(): SpeechStatus {
    return { state: this.state, chunk: this.index, chunks: this.chunks.length, block: this.state === 'idle' ? -1 : (this.owners[this.index] ?? -1), rate: this.rate, error: this.error };
  }

  subscribe(listener: (status: SpeechStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  play(): void {
    if (this.chunks.length === 0 || this.state === 'playing') return;
    if (this.index >= this.chunks.length) this.index = 0;
    this.error = null;
    this.setState('playing');
    this.speakCurrent();
  }

  pause(): void {
    if (this.state !== 'playing') return;
    this.cancelCurrent();
    this.setState('paused');
  }

  toggle(): void {
    if (this.state === 'playing') this.pause();
    else this.play();
  }

  stop(): void {
    if (this.state !== 'idle') this.cancelCurrent();
    this.index = 0;
    this.setState('idle');
  }

  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) return;
    this.rate = rate;
    if (this.state === 'playing') {
      this.cancelCurrent();
      this.speakCurrent();
    } else {
      this.emit();
    }
  }

  private cancelCurrent(): void {
    this.generation++;
    this.synth.cancel();
  }

  private speakCurrent(): void {
    const text = this.chunks[this.index];
    if (text === undefined) {
      this.index = 0;
      this.setState('idle');
      return;
    }
    const generation = ++this.generation;
    const utterance = this.makeUtterance(text);
    utterance.rate = this.rate;
    if (this.lang) utterance.lang = this.lang;
    utterance.voice = pickVoice(this.synth.getVoices(), this.lang);
    utterance.onend = () => {
      if (generation !== this.generation || this.state !== 'playing') return;
      this.index++;
      this.emit();
      this.speakCurrent();
    };
    utterance.onerror = (event) => {
      if (generation !== this.generation) return;
      const error = (event as { error?: string } | null)?.error;
      if (error === 'interrupted' || error === 'canceled') return;
      this.error = error ?? 'unknown';
      this.setState('idle');
    };
    this.synth.speak(utterance);
    this.emit();
  }

  private setState(state: SpeechState): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }
}

/** A controller on the browser's own speech synthesis, or null where there is none. */
export function browserSpeech(rate: number): SpeechController | null {
  const synth = globalThis.speechSynthesis;
  const Utterance = globalThis.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return null;
  return new SpeechController(
    synth as unknown as SynthesisLike,
    (text) => new Utterance(text) as unknown as UtteranceLike,
    rate,
  );
}
