/** Hostile and degenerate pages for the robustness section of the bench (and unit tests). */
export interface RobustCase {
  name: string;
  /** Page HTML; or, for shapes jsdom's parser is itself too slow on, a DOM builder. */
  make: () => string;
  build?: (doc: Document) => void;
  /** Generous upper bound on extraction time in jsdom, ms. */
  boundMs: number;
}

const PARA = '<p>This paragraph is part of a very long article and carries ordinary sentences, commas, and a full stop.</p>';

export function robustCases(scale = 1): RobustCase[] {
  return [
    { name: 'empty document', make: () => '', boundMs: 1000 },
    { name: 'empty body', make: () => '<!doctype html><html><head><title>x</title></head><body></body></html>', boundMs: 1000 },
    { name: 'frameset', make: () => '<!doctype html><html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>', boundMs: 1000 },
    {
      name: 'binary junk',
      make: () => {
        let s = '';
        let x = 12345;
        for (let i = 0; i < 200_000 * scale; i++) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          s += String.fromCharCode(x % 256);
        }
        return s;
      },
      boundMs: 10_000,
    },
    {
      name: '10,000-deep nesting',
      // Built through the DOM API: jsdom's parser is quadratic on deep nesting (≈40 s).
      make: () => '<html><body></body></html>',
      build: (doc) => {
        let at: Element = doc.body;
        for (let i = 0; i < 10_000 * scale; i++) at = at.appendChild(doc.createElement('div'));
        at.insertAdjacentHTML('beforeend', PARA.repeat(5));
      },
      boundMs: 20_000,
    },
    {
      name: '200,000 elements',
      make: () => '<html><body><article>' + '<p>Short <b>bold</b> and <i>italic</i> words in a sentence that ends here.</p>'.repeat(Math.round(66_667 * scale)) + '</article></body></html>',
      boundMs: 60_000,
    },
    {
      name: '50 MB page',
      make: () => {
        const block = `<div class="story"><h2>Section</h2>${PARA.repeat(20)}<ul><li><a href="/x">link</a></li><li><a href="/y">link</a></li></ul></div>`;
        return '<html><body>' + block.repeat(Math.round((50e6 * scale) / block.length)) + '</body></html>';
      },
      boundMs: 120_000,
    },
  ];
}
