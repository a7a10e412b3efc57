import { describe, expect, it } from 'vitest';
import { SpeechController, chunkText, pickVoice, type SynthesisLike, type UtteranceLike, type VoiceLike } from '../../../src/pages/reader/speech.js';

/** A speechSynthesis stand-in: records what is spoken; the test ends utterances by hand. */
class FakeSynth implements SynthesisLike {
  spoken: UtteranceLike[] = [];
  current: UtteranceLike | null = null;
  cancels = 0;
  voices: VoiceLike[] = [];
  speak(u: UtteranceLike) {
    this.spoken.push(u);
    this.current = u;
  }
  cancel() {
    this.cancels++;
    const u = this.current;
    this.current = null;
    // Browsers report a cancelled utterance as an error ("interrupted"/"canceled") or as an end.
    u?.onerror?.({ error: 'interrupted' });
    u?.onend?.({});
  }
  getVoices() {
    return this.voices;
  }
  finish() {
    const u = this.current;
    this.current = null;
    u?.onend?.({});
  }
}

const utterance = (text: string): UtteranceLike => ({ text, lang: '', rate: 1, voice: null, onend: null, onerror: null });

function setup(text = 'First paragraph.\n\nSecond paragraph.\n\nThird paragraph.', lang: string | null = 'en') {
  const synth = new FakeSynth();
  const speech = new SpeechController(synth, utterance, 1);
  speech.load(text, lang);
  return { synth, speech };
}

describe('SpeechController', () => {
  it('reads the chunks in order and goes idle at the end', () => {
    const { synth, speech } = setup();
    const states: string[] = [];
    speech.subscribe((s) => states.push(s.state));
    speech.play();
    expect(synth.spoken.map((u) => u.text)).toEqual(['First paragraph.']);
    synth.finish();
    synth.finish();
    expect(synth.spoken.map((u) => u.text)).toEqual(['First paragraph.', 'Second paragraph.', 'Third paragraph.']);
    expect(speech.status.state).toBe('playing');
    synth.finish();
    expect(speech.status.state).toBe('idle');
    expect(states).toContain('playing');
    expect(states.at(-1)).toBe('idle');
  });

  it('pauses and resumes at the same chunk', () => {
    const { synth, speech } = setup();
    speech.play();
    synth.finish();
    speech.pause();
    expect(speech.status.state).toBe('paused');
    expect(synth.cancels).toBe(1);
    // The cancelled utterance's events must not advance the reading.
    expect(speech.status.chunk).toBe(1);
    speech.play();
    expect(synth.spoken.at(-1)?.text).toBe('Second paragraph.');
    expect(speech.status.state).toBe('playing');
  });

  it('changes speed at once, restarting the current chunk at the new rate', () => {
    const { synth, speech } = setup();
    speech.play();
    speech.setRate(1.5);
    expect(synth.spoken.at(-1)?.rate).toBe(1.5);
    expect(synth.spoken.at(-1)?.text).toBe('First paragraph.');
    expect(speech.status.rate).toBe(1.5);
    speech.pause();
    speech.setRate(2);
    expect(speech.status.state).toBe('paused');
    speech.play();
    expect(synth.spoken.at(-1)?.rate).toBe(2);
  });

  it('toggles, stops and starts again from the beginning', () => {
    const { synth, speech } = setup();
    speech.toggle();
    expect(speech.status.state).toBe('playing');
    speech.toggle();
    expect(speech.status.state).toBe('paused');
    speech.stop();
    expect(speech.status).toMatchObject({ state: 'idle', chunk: 0 });
    speech.play();
    expect(synth.spoken.at(-1)?.text).toBe('First paragraph.');
  });

  it('uses the article language and a matching voice', () => {
    const { synth, speech } = setup('Привет.', 'ru');
    synth.voices = [{ name: 'English', lang: 'en-US', default: true }, { name: 'Русский', lang: 'ru-RU' }];
    speech.play();
    expect(synth.spoken[0]?.lang).toBe('ru');
    expect(synth.spoken[0]?.voice?.name).toBe('Русский');
  });

  it('goes idle when the synthesis fails for a real reason', () => {
    const { synth, speech } = setup();
    speech.play();
    synth.current?.onerror?.({ error: 'synthesis-failed' });
    expect(speech.status).toMatchObject({ state: 'idle', error: 'synthesis-failed' });
    speech.play();
    expect(speech.status.error).toBeNull();
  });

  it('tells which block is being read', () => {
    const synth = new FakeSynth();
    const speech = new SpeechController(synth, utterance, 1);
    speech.loadBlocks(['Title', 'A'.repeat(150) + '. ' + 'B'.repeat(150) + '.', 'Last.'], 'en');
    const blocks: number[] = [];
    speech.subscribe((s) => blocks.push(s.block));
    speech.play();
    for (let i = 0; i < 4; i++) synth.finish();
    expect(synth.spoken.map((u) => u.text[0])).toEqual(['T', 'A', 'B', 'L']);
    expect([...new Set(blocks)]).toEqual([0, 1, 2, -1]);
  });

  it('does nothing with nothing to read', () => {
    const { synth, speech } = setup('   ');
    speech.play();
    expect(synth.spoken).toEqual([]);
    expect(speech.status.state).toBe('idle');
  });
});

describe('chunkText', () => {
  it('splits paragraphs, then long ones at sentence ends, never over the limit', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} is here.`).join(' ');
    const chunks = chunkText(`Short one.\n\n${long}`, 80);
    expect(chunks[0]).toBe('Short one.');
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(80);
    expect(chunks.slice(1).join(' ')).toBe(long);
  });

  it('cuts text without sentence ends at spaces', () => {
    const words = Array.from({ length: 60 }, () => 'word').join(' ');
    for (const chunk of chunkText(words, 50)) expect(chunk.length).toBeLessThanOrEqual(50);
  });

  it('knows Persian and CJK sentence ends', () => {
    expect(chunkText('جملهٔ اول است؟ جملهٔ دوم است.', 16)).toEqual(['جملهٔ اول است؟', 'جملهٔ دوم است.']);
    expect(chunkText('第一句话。第二句话。', 6)).toEqual(['第一句话。', '第二句话。']);
  });
});

describe('pickVoice', () => {
  const voices: VoiceLike[] = [
    { name: 'A', lang: 'en-GB' },
    { name: 'B', lang: 'en-US', localService: true },
    { name: 'C', lang: 'fa-IR' },
  ];
  it('prefers an exact match, then the same language, then local voices', () => {
    expect(pickVoice(voices, 'en-GB')?.name).toBe('A');
    expect(pickVoice(voices, 'en')?.name).toBe('B');
    expect(pickVoice(voices, 'fa')?.name).toBe('C');
    expect(pickVoice(voices, 'zh')).toBeNull();
    expect(pickVoice(voices, null)).toBeNull();
  });
});
