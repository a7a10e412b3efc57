import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { walk } from '../../../src/core/blockpage/walk.js';
import { detectBlockPage } from '../../../src/core/blockpage/index.js';

const FIX = join(__dirname, '../../fixtures/blockpages');
const doc = (html: string): Document => new JSDOM(html).window.document;
const fixture = (name: string): Document => doc(readFileSync(join(FIX, name), 'utf8'));

describe('detectBlockPage: heuristics in many languages (pages no signature lists)', () => {
  const cases: Array<[string, string]> = [
    ['ru-registry.html', 'Russian, 149-FZ / registry'],
    ['tr-court.html', 'Turkish, court / 5651'],
    ['fa-text.html', 'Persian'],
    ['fa-iframe.html', 'frame to a private address on an empty page'],
    ['ar-national.html', 'Arabic'],
    ['id-positif.html', 'Indonesian + English'],
    ['zh-blocked.html', 'Chinese'],
    ['kk-blocked.html', 'Kazakh'],
    ['uz-blocked.html', 'Uzbek'],
    ['be-blocked.html', 'Belarusian'],
    ['uk-blocked.html', 'Ukrainian'],
    ['en-court.html', 'English court order'],
    ['portal-notice.html', 'operator notice at the top of a long portal page'],
    ['image-warning.html', 'nothing but a warning picture'],
    ['image-legal-notice.html', 'nothing but a picture of a legal notice'],
    ['security-gateway.html', "a company security gateway's page: not shown, to protect you"],
  ];
  for (const [file, what] of cases) {
    it(`${what} (${file})`, () => {
      const v = detectBlockPage(fixture(file));
      expect(v.blocked).toBe(true);
      expect(v.kind).toBeDefined();
    });
  }
});

describe('detectBlockPage: Citizen Lab signatures', () => {
  it('matches a product title whatever the tag case', () => {
    expect(detectBlockPage(fixture('product-filter.html'))).toEqual({
      blocked: true, kind: 'product', signature: 'prod_lightspeed_filter_blockpage',
    });
  });

  it('matches markup signatures despite unquoted attributes, upper case and missing " /"', () => {
    const v = detectBlockPage(fixture('markup-variants.html'));
    expect(v).toEqual({ blocked: true, kind: 'isp', signature: 'isp_mm_myanmarnet_block_page', country: 'MM' });
  });

  it('matches text signatures across &nbsp; and doubled spaces', () => {
    const v = detectBlockPage(fixture('entity-variants.html'));
    expect(v.blocked).toBe(true);
    expect(v.signature).toBe('isp_ru_megamax_rkn_block');
    expect(v.country).toBe('RU');
  });

  it('matches analytics ids inside scripts, digit-bounded', () => {
    expect(detectBlockPage(fixture('analytics-id.html'))).toMatchObject({ blocked: true, signature: 'isp_ru_megafon_block' });
    expect(detectBlockPage(fixture('analytics-id-longer.html')).blocked).toBe(false);
  });

  it('follows a meta refresh to a block host', () => {
    const v = detectBlockPage(fixture('meta-refresh.html'));
    expect(v).toMatchObject({ blocked: true, kind: 'isp', country: 'RU' });
  });
});

describe('detectBlockPage: response evidence', () => {
  const empty = (): Document => doc('<html><head></head><body><p>x</p></body></html>');

  it('HTTP 451 is legal-451, with the blocking party from Link rel=blocked-by', () => {
    expect(detectBlockPage(empty(), { status: 451 })).toEqual({ blocked: true, kind: 'legal-451' });
    const v = detectBlockPage(empty(), {
      status: 451,
      headers: { link: '<https://authority.example/>; rel="blocked-by"' },
    });
    expect(v).toEqual({ blocked: true, kind: 'legal-451', signature: 'https://authority.example/' });
  });

  it('a redirect to a national or ISP block host', () => {
    const v = detectBlockPage(empty(), {
      url: 'http://warning.rt.ru/?id=1',
      redirects: ['http://news.test/article', 'http://warning.rt.ru/?id=1'],
      status: 200,
    });
    expect(v).toMatchObject({ blocked: true, kind: 'isp', country: 'RU' });
    const loc = detectBlockPage(empty(), { status: 302, headers: { location: 'https://internetpositif.uzone.id/?u=x' } });
    expect(loc).toMatchObject({ blocked: true, kind: 'national', country: 'ID' });
  });

  it('Location signatures written with the header name and an IP', () => {
    const v = detectBlockPage(empty(), { status: 302, headers: { location: 'http://103.86.50.16/?u=x' } });
    expect(v).toMatchObject({ blocked: true, kind: 'national', country: 'TH' });
    expect(detectBlockPage(empty(), { url: 'http://103.86.50.16/?u=x', redirects: ['http://news.test/'] }).blocked).toBe(true);
    expect(detectBlockPage(empty(), { headers: { location: 'https://www.a1.by/mininfo/x' } })).toMatchObject({ blocked: true, country: 'BY' });
  });

  it('header signatures naming the header ("Server: Olfeo")', () => {
    expect(detectBlockPage(empty(), { headers: { server: 'Olfeo' } })).toMatchObject({ blocked: true, kind: 'product' });
  });

  it('path-only URL signatures need a redirect; host signatures do not', () => {
    // "/access?" is a filtering product's redirect path: alone, on the page's own URL, it is nothing.
    expect(detectBlockPage(empty(), { url: 'https://shop.test/access?x=1' }).blocked).toBe(false);
    expect(detectBlockPage(empty(), { url: 'https://shop.test/access?x=1', redirects: ['https://a.test/'] }).blocked).toBe(true);
    expect(detectBlockPage(empty(), { url: 'http://blocked.mts.ru/' }).blocked).toBe(true);
  });

  it("an operator's or vendor's own site is not a block host unless we were sent there", () => {
    expect(detectBlockPage(empty(), { url: 'https://vasexperts.ru/products/' }).blocked).toBe(false);
    expect(detectBlockPage(empty(), { url: 'https://www.opendns.com/' }).blocked).toBe(false);
    expect(detectBlockPage(empty(), { url: 'https://vasexperts.ru/x', redirects: ['http://news.test/'] }).blocked).toBe(true);
  });

  it('IP signatures are digit-bounded', () => {
    expect(detectBlockPage(empty(), { headers: { location: 'http://114.6.128.7/' } }).blocked).toBe(true);
    expect(detectBlockPage(empty(), { headers: { location: 'http://114.6.128.71/' } }).blocked).toBe(false);
  });

  it('ignores benign injections and known false positives (injb, fp)', () => {
    expect(detectBlockPage(empty(), { headers: { location: 'http://unblock.mts.ru/pay' } }).blocked).toBe(false);
  });
});

describe('detectBlockPage: normal pages', () => {
  it('a news article about blocking is not a block page', () => {
    expect(detectBlockPage(fixture('news-about-blocking.html')).blocked).toBe(false);
  });

  it('vague blocking words alone do not make a block page', () => {
    expect(detectBlockPage(fixture('vague-words.html')).blocked).toBe(false);
  });

  it('a short ordinary page is not a block page', () => {
    expect(detectBlockPage(fixture('short-normal.html')).blocked).toBe(false);
  });

  it('a picture page whose file names merely contain block words is not a block page', () => {
    expect(detectBlockPage(fixture('image-only-normal.html')).blocked).toBe(false);
  });

  it('a long page without metadata mentioning blocking is not a block page', () => {
    const para = '<p>Доступ к сайту ограничен по решению суда, пишет издание; access to the site has been blocked by the regulator, the ministry said. '
      + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>';
    const html = `<html><head><title>Новости</title></head><body>${para.repeat(40)}</body></html>`;
    expect(detectBlockPage(doc(html)).blocked).toBe(false);
  });

  // Pages that restrict access for other reasons (the false alarms users of archive extensions
  // complain of): each fixture in not-blocked/ is our own page modelled on a common kind.
  const NOT_BLOCKED = join(FIX, 'not-blocked');
  for (const file of readdirSync(NOT_BLOCKED).filter((f) => f.endsWith('.html')).sort()) {
    it(`not a block page: ${file}`, () => {
      expect(detectBlockPage(doc(readFileSync(join(NOT_BLOCKED, file), 'utf8')))).toEqual({ blocked: false });
    });
  }

  // `npm start` shows the in-page notice on the sample site's block page: keep it a block page.
  it('the sample site\'s block page (npm start) is recognised', () => {
    const html = readFileSync(join(__dirname, '../../../sample-site/blocked-news.test/index.html'), 'utf8');
    expect(detectBlockPage(doc(html))).toMatchObject({ blocked: true });
  });

  // Block pages in our own wording, for languages and layouts the corpus has few of or none
  // (each set measured before the heuristics were tuned on it; docs/benchmarks.md gives the rates before and
  // after). One, a web gateway's frameset, is matched by the Citizen Lab signature of its product.
  const UNSEEN = join(FIX, 'unseen');
  const SIGNED = new Set(['swg-frames-es.html']);
  for (const file of readdirSync(UNSEEN).filter((f) => f.endsWith('.html')).sort()) {
    it(`a block page: unseen/${file}`, () => {
      expect(detectBlockPage(doc(readFileSync(join(UNSEEN, file), 'utf8')))).toMatchObject({ blocked: true, kind: SIGNED.has(file) ? 'product' : 'heuristic' });
    });
  }

  // Held-out sets (held-out-N/unseen and not-blocked), written by engineers who never saw the
  // detector; each was measured before any rule changed for it (docs/benchmarks.md), then tuned on.
  const HELD_OUT = readdirSync(FIX).filter((d) => /^held-out-\d+$/.test(d)).sort();
  it('the held-out sets are there', () => {
    expect(HELD_OUT).toContain('held-out-2');
  });
  // Block pages of a held-out set still missed after tuning, named so that any change shows
  // (docs/benchmarks.md says why). None since the evidence rules of round 3 (held-out-3's
  // caution page and 16 KB portal are found since then).
  const KNOWN_MISSES = new Set<string>([]);
  for (const set of HELD_OUT) {
    for (const kind of ['unseen', 'not-blocked'] as const) {
      const dir = join(FIX, set, kind);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
        const missed = KNOWN_MISSES.has(`${set}/${file}`);
        it(`${kind === 'unseen' ? (missed ? 'a block page still missed' : 'a block page') : 'not a block page'}: ${set}/${kind}/${file}`, () => {
          const v = detectBlockPage(doc(readFileSync(join(dir, file), 'utf8')));
          if (kind === 'unseen') expect(v.blocked).toBe(!missed);
          else expect(v).toEqual({ blocked: false });
        });
      }
    }
  }

  it('pages about blocking (marketing, help, forum) that quote a notice are not block pages', () => {
    const vpn = '<html><head><title>FastVPN</title></head><body><h1>This site is blocked? Not any more.</h1><p>Governments block millions of websites. Beat censorship today.</p><p>Access to this resource is restricted by decision of the authorities.</p></body></html>';
    expect(detectBlockPage(doc(vpn)).blocked).toBe(false);
    const kids = '<html><head><title>KidSafe</title></head><body><p>Block inappropriate websites on every device.</p><p>This site is blocked. Your parent has blocked this website under the family policy.</p><p>Example of what your child will see.</p></body></html>';
    expect(detectBlockPage(doc(kids)).blocked).toBe(false);
  });

  it('a bare HTTP status title is not block wording (the status gets the notice by itself)', () => {
    expect(detectBlockPage(doc('<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>')).blocked).toBe(false);
    expect(detectBlockPage(doc('<html><head><title>Forbidden site</title></head><body></body></html>')).blocked).toBe(true);
  });

  it('the notice in an iframe srcdoc or in noscript, on an otherwise empty page', () => {
    const notice = 'Access to this website has been blocked pursuant to an order of the High Court.';
    const srcdoc = `<html><head><title>Broadband</title></head><body><iframe srcdoc="<p>${notice}</p>"></iframe></body></html>`;
    expect(detectBlockPage(doc(srcdoc)).blocked).toBe(true);
    const noscript = `<html><head><title>Broadband</title></head><body><noscript><div><p>${notice}</p></div></noscript></body></html>`;
    expect(detectBlockPage(doc(noscript)).blocked).toBe(true);
    const harmless = '<html><head><title>Shop</title></head><body><noscript><p>Please enable JavaScript to use the shop.</p></noscript></body></html>';
    expect(detectBlockPage(doc(harmless)).blocked).toBe(false);
  });

  it('"Dear subscriber" is an operator addressing its customer, not a paywall', () => {
    const html = '<html><head><title>Notice</title></head><body><p>Dear subscriber, the website you requested has been blocked according to a decision of the Ministry.</p><p><a href="/1">Support</a> <a href="/2">Home</a> <a href="/3">Plans</a> <a href="/4">Help</a></p></body></html>';
    expect(detectBlockPage(doc(html)).blocked).toBe(true);
  });

  it('a firewall, filter or security product saying what it did, with its reason', () => {
    const page = (t: string): Document => doc(`<html><head><title>Notice</title></head><body><p>${t}</p><p><a href="/1">Back</a> <a href="/2">Help</a> <a href="/3">Report</a> <a href="/4">Settings</a></p></body></html>`);
    expect(detectBlockPage(page('The campus firewall blocked it (category: P2P) under the acceptable use regulations.')).blocked).toBe(true);
    expect(detectBlockPage(page('The page you have requested has been denied because it violates the Internet usage policy.')).blocked).toBe(true);
    expect(detectBlockPage(page('Dangerous website blocked. It was blocked by the DNS protection because it is a phishing site.')).blocked).toBe(true);
    expect(detectBlockPage(page('El cortafuegos ha bloqueado la conexión (categoría: P2P).')).blocked).toBe(true);
  });



  it('a help page that speaks of block pages is about blocking, in other languages too', () => {
    const fr = '<html><head><title>Aide</title></head><body><h1>Pourquoi vois-je une page de blocage ?</h1><p>Exemple : ce site est bloqué par votre administrateur selon la politique de catégorie Jeux.</p></body></html>';
    expect(detectBlockPage(doc(fr)).blocked).toBe(false);
    const real = '<html><head><title>Site bloqué</title></head><body><p>Ce site est bloqué par votre administrateur selon la politique de catégorie Jeux.</p></body></html>';
    expect(detectBlockPage(doc(real)).blocked).toBe(true);
  });

  it("a portal's Login link or an echoed address with login in it is not a login wall", () => {
    const notice = '<p>Access to this URL has been disabled as directed by the Ministry under the Information Technology Act.</p>';
    const portal = `<html><head><title>Notice</title></head><body><nav><a href="/">Home</a><a href="/login">Login</a></nav>${notice}</body></html>`;
    expect(detectBlockPage(doc(portal)).blocked).toBe(true);
    const wall = `<html><head><title>Notice</title></head><body><p>Please log in to continue.</p>${notice}</body></html>`;
    expect(detectBlockPage(doc(wall)).blocked).toBe(false);
    const echoed = '<html><head><title>This domain is blocked</title></head><body><h1>This domain is blocked</h1><div>account-login-update.example.com</div><p>It is associated with malware.</p></body></html>';
    expect(detectBlockPage(doc(echoed)).blocked).toBe(true);
  });

  it('providers told to block, and pages not authorised or not permitted, in several languages', () => {
    const page = (t: string): Document => doc(`<html><head><title>Aviso</title></head><body><p>${t}</p></body></html>`);
    expect(detectBlockPage(page('En cumplimiento de la Ley 12, los proveedores deben bloquear el acceso a este sitio.')).blocked).toBe(true);
    expect(detectBlockPage(page('Ai sensi della legge, i fornitori devono bloccare l’accesso: il sito non è autorizzato dall’autorità.')).blocked).toBe(true);
    expect(detectBlockPage(page('Pristup ovoj stranici nije dopušten prema politici tvrtke.')).blocked).toBe(true);
    expect(detectBlockPage(page('Táto stránka je zablokovaná rodičovskou kontrolou.')).blocked).toBe(true);
    expect(detectBlockPage(page('Access to file-sharing sites is not permitted on this network by our policy.')).blocked).toBe(true);
  });

  it('"not accessible" wording counts with an authority, in several languages', () => {
    const page = (t: string): Document => doc(`<html><head><title>Notice</title></head><body><p>${t}</p><p><a href="/1">Home</a> <a href="/2">Shop</a> <a href="/3">Help</a> <a href="/4">Contact</a></p></body></html>`);
    expect(detectBlockPage(page('This website is not accessible as directed by the Ministry under the Act.')).blocked).toBe(true);
    expect(detectBlockPage(page('Ce site est inaccessible sur décision de l’autorité.')).blocked).toBe(true);
    expect(detectBlockPage(page('Este sitio no es accesible por orden del juzgado.')).blocked).toBe(true);
    expect(detectBlockPage(page('This website is not accessible right now, we are updating our shop.')).blocked).toBe(false);
  });

  it('a picture of the notice on an empty page is read by its alt text', () => {
    const html = '<html><head><title>Telecom</title></head><body><img src="/a/b/c-2023.jpg" alt="El acceso a este sitio ha sido bloqueado por orden judicial"></body></html>';
    expect(detectBlockPage(doc(html)).blocked).toBe(true);
    const normal = '<html><head><title>Telecom</title></head><body><img src="/a/b/c-2023.jpg" alt="Our new shop in the city centre"></body></html>';
    expect(detectBlockPage(doc(normal)).blocked).toBe(false);
  });

  it('a filter that names the blocked category is not cleared by the way past it it offers', () => {
    const lock = '<html><head><title>Content Control</title></head><body><h1>This site has been restricted</h1><p>It is only suitable for people aged 18 and over (adult content).</p><p>Sign in to My Account to remove the restriction.</p><p>Blocked category: Adult</p></body></html>';
    expect(detectBlockPage(doc(lock)).blocked).toBe(true);
  });

  it('a page that explains blocking in general, or quotes a block page, is not one', () => {
    const kb = '<html><head><title>Web filter – help</title></head><body><h1>Web filtering</h1><p>When a site is blocked you will see a page titled Web page blocked that names the category and the policy rule.</p><p>If access to a page is restricted, open a ticket.</p></body></html>';
    expect(detectBlockPage(doc(kb)).blocked).toBe(false);
    const notice = '<html><head><title>Notice</title></head><body><h1>Notice</h1><p>This site has been blocked under the Gambling Act.</p></body></html>';
    expect(detectBlockPage(doc(notice)).blocked).toBe(true);
  });

  it('a licensing page is not a block, but a court-ordered copyright block that names the rights holders is', () => {
    const licensing = '<html><head><title>Not available</title></head><body><p>Access to this video is restricted in your country because of licensing restrictions set by the rights holders.</p></body></html>';
    expect(detectBlockPage(doc(licensing)).blocked).toBe(false);
    const court = '<html><head><title>Notice</title></head><body><p>Access to this website has been blocked by your provider under a court order. The rights holders say it offers films without permission.</p></body></html>';
    expect(detectBlockPage(doc(court)).blocked).toBe(true);
  });

  it('a notice written by script with its letters escaped (\\u) is read', () => {
    const script = '<script>var t = "\\u6b64\\u7db2\\u7ad9\\u5df2\\u88ab\\u9650\\u5236\\u9023\\u7dda \\u4f9d\\u6cd5\\u5f8b\\u898f\\u5b9a";document.getElementById("m").textContent = t;</script>';
    expect(detectBlockPage(doc(`<html><head><title>165</title></head><body><div id=m></div>${script}</body></html>`)).blocked).toBe(true);
  });

  it('a notice written by script is read only on a page with almost no visible text', () => {
    const script = '<script>var m = "Access to this website has been blocked by order of the court.";document.write(m)</script>';
    expect(detectBlockPage(doc(`<html><head><title>Notice</title>${script}</head><body><div id=m></div></body></html>`)).blocked).toBe(true);
    const page = `<html><head><title>Notice</title>${script}</head><body>${'<p>An ordinary page about the harbour, its ferries and the weather this week.</p>'.repeat(4)}</body></html>`;
    expect(detectBlockPage(doc(page)).blocked).toBe(false);
  });

  it('the not-blocked fixtures cover login, paywall, consent, challenge, rate-limit, soft-404, age, captcha, maintenance, parked and licensing pages', () => {
    const files = readdirSync(NOT_BLOCKED);
    for (const kind of ['login-wall', 'http-401', 'paywall', 'cookie-wall', 'cloudflare-challenge', 'cloudflare-waf', 'rate-limit-429', 'soft-404-search', 'age-gate', 'captcha-generic', 'maintenance', 'parked-domain', 'video-geo-licensing', 'region-not-served']) {
      expect(files).toContain(`${kind}.html`);
    }
  });

  it('a gate wording does not hide a block page that names an authority without offering a way in', () => {
    const html = '<html><head><title>Доступ ограничен</title></head><body><p>Доступ к ресурсу ограничен на основании решения суда.</p></body></html>';
    expect(detectBlockPage(doc(html)).blocked).toBe(true);
  });

  it('empty and odd documents', () => {
    expect(detectBlockPage(doc('')).blocked).toBe(false);
    expect(detectBlockPage(doc('<html><body></body></html>')).blocked).toBe(false);
    const d = doc('<p>x</p>');
    d.removeChild(d.documentElement);
    expect(detectBlockPage(d)).toEqual({ blocked: false });
  });
});

describe('detectBlockPage: independent evidence (evidence.ts) and where a notice hides', () => {
  const page = (title: string, body: string): Document => doc(`<html><head><title>${title}</title></head><body>${body}</body></html>`);

  it('a refusal with who, why and an echoed field is a notice in any language; a refusal alone is not', () => {
    // Portuguese: no phrase rule names "não tem acesso"; the evidence does (denial, authority, reference, echo, shape).
    expect(detectBlockPage(page('Aviso', '<p>Você não tem acesso a este site.</p><p>Medida aplicada conforme a Resolução nº 12/2025 da Agência reguladora.</p><p>Categoria: Apostas</p>')).blocked).toBe(true);
    // Dutch: a filter on the network, its rule number, a short page.
    expect(detectBlockPage(page('Melding', '<p>U heeft geen toegang tot deze website via dit netwerk.</p><p>Het filter van de bibliotheek (regel #7) staat dit niet toe.</p>')).blocked).toBe(true);
    // A maintenance page refuses too, but names no one and no reason.
    expect(detectBlockPage(page('Manutenção', '<p>Você não tem acesso a este site no momento: estamos em manutenção. Volte em breve.</p>')).blocked).toBe(false);
  });

  it('wording in quotation marks is quoted, not stated', () => {
    const quoted = '<p>Viele Nutzer sehen statt der Seite nur den Hinweis „Der Zugriff auf diese Seite wurde aufgrund einer gerichtlichen Anordnung gesperrt“. Experten kritisieren das seit Jahren.</p>';
    expect(detectBlockPage(page('Netzsperren im Alltag', quoted)).blocked).toBe(false);
    const stated = '<p>Der Zugriff auf diese Seite wurde aufgrund einer gerichtlichen Anordnung gesperrt.</p>';
    expect(detectBlockPage(page('Hinweis', stated)).blocked).toBe(true);
  });

  it("a story's reading time or by-line marks it as an article", () => {
    const story = '<p>By our staff reporter · 4 min read</p><p>Access to this site has been blocked by the court, the regulator said, and providers must comply.</p>';
    expect(detectBlockPage(page('Regulator orders blocks', story)).blocked).toBe(false);
  });

  it('a notice built by script from markup literals, and the title the script sets', () => {
    const script = `<script>document.getElementById('m').innerHTML = '<h2>Not here</h2>' + '<p>This website is blocked by <b>' + n + '</b> on this tablet.</p>' + '<p class="s">Family filter · rule 12</p>'; document.title = 'Website blocked';</script>`;
    expect(detectBlockPage(page('Loading', `<div id="m"></div>${script}`)).blocked).toBe(true);
    const app = `<script>document.getElementById('m').innerHTML = '<p>Welcome back! Your dashboard is loading, please wait a moment.</p>'; document.title = 'Dashboard';</script>`;
    expect(detectBlockPage(page('Loading', `<div id="m"></div>${app}`)).blocked).toBe(false);
  });

  it("a notice under its heading inside a portal's full chrome", () => {
    const chrome = Array.from({ length: 40 }, (_, i) => `<li><a href="/s/${i}">Section ${i} of the staff portal</a></li>`).join('');
    const news = Array.from({ length: 12 }, (_, i) => `<p>Circular ${i}: reminders for staff about leave, training and the canteen schedule for this week.</p>`).join('');
    const notice = '<h1>Access to this page is restricted on the campus network</h1><p>The requested URL was denied by the campus web gateway under the IT policy.</p><p>Category: Gambling · Reference: 4471</p>';
    expect(detectBlockPage(page('Staff portal', `<nav><ul>${chrome}</ul></nav>${news}${notice}${news}`)).blocked).toBe(true);
    // The same portal with a heading that asks rather than states, over marketing copy.
    const pitch = '<h1>This site is blocked? Not any more.</h1><p>Governments and ISPs block millions of websites; our gateway routes around censorship. Category: Privacy · Plan #2</p>';
    expect(detectBlockPage(page('Staff portal', `<nav><ul>${chrome}</ul></nav>${news}${pitch}${news}`)).blocked).toBe(false);
  });

  it('content about blocking by its genre: a judgment, a ticket, a news brief, a list of sites (genre.ts)', () => {
    // Each would be a notice by its wording and authority alone.
    const judgment = '<p>The plaintiff, a rights holder, asked the court to order the defendant internet providers to act.</p><p>It is ordered that access to the website has been blocked by the defendants pursuant to the Copyright Act.</p>';
    expect(detectBlockPage(page('Judgment 2026/114', judgment)).blocked).toBe(false);
    const sentencia = '<p>El demandante solicita que los demandados bloqueen el acceso. Se ordena que el acceso a este sitio web sea bloqueado por orden judicial.</p>';
    expect(detectBlockPage(page('Sentencia 44/2026', sentencia)).blocked).toBe(false);
    const news = '<p>The regulator announced on Monday that access to the site has been blocked by court order under the Gambling Act, a spokesman said.</p>';
    expect(detectBlockPage(page('Regulator acts on streaming site', news)).blocked).toBe(false);
    const fa = '<p>به گزارش خبرگزاری ایرنا، دسترسی به این سایت مسدود شده است. وزیر ارتباطات گفت این تصمیم به دستور کمیته گرفته شد.</p>';
    expect(detectBlockPage(page('فیلترینگ', fa)).blocked).toBe(false);
    const list = '<p>The following sites have been blocked by court order under the Act: bet-one.com, casino-two.net, poker-three.org, spin-four.io, slots-five.me, wager-six.tv.</p>';
    expect(detectBlockPage(page('Sites blocked in 2026', list)).blocked).toBe(false);
    const ticket = '<p>Ticket INC-20441</p><p>Status: Open · Priority: Medium · Assignee: Network team · Requester: J. Smith</p><p>Access to this site has been blocked by the firewall policy for the supplier portal, please whitelist.</p>';
    expect(detectBlockPage(page('INC-20441', ticket)).blocked).toBe(false);
    // The notice itself, with one stray mark of a genre (one party, one field), is still a notice.
    expect(detectBlockPage(page('Blocked', '<p>Access to this site has been blocked by court order on the application of the plaintiff rights holders.</p><p>Priority: high</p>')).blocked).toBe(true);
  });

  it('the blocker speaking for itself, a request denied by a named policy, every site sent to this page', () => {
    expect(detectBlockPage(page('Avviso', '<h1>Abbiamo bloccato questa pagina per proteggere la tua rete</h1><p>Indirizzo: esempio.test</p>')).blocked).toBe(true);
    expect(detectBlockPage(page('Guest network', '<h2>Your request was denied by the guest network policy</h2><p>Category: Games</p>')).blocked).toBe(true);
    const suspended = '<h1>Your connection is on hold</h1><p>All websites are redirected to this page until the account is settled.</p><p>Call 100 for help.</p>';
    expect(detectBlockPage(page('Notice', suspended)).blocked).toBe(true);
    // "Redirected here" alone is a site's own move, not an interception.
    expect(detectBlockPage(page('We moved', '<p>You were redirected to this page from our old address. Update your bookmarks.</p>')).blocked).toBe(false);
  });

  it('a forum thread or ticket that quotes a notice is a conversation about it', () => {
    const thread = '<p>anna 24 Nov 2026 09:12</p><p>At work I get: Access to this site has been blocked by the firewall policy. Category: Games. Anyone else?</p><p>ben 24 Nov 2026 10:02</p><p>Same here, the proxy blocks it.</p><p>anna 24 Nov 2026 10:30</p><p>Thanks.</p>';
    expect(detectBlockPage(page('Work network blocks game site', thread)).blocked).toBe(false);
  });

  it('a notice written by script that names the shield or network that blocked the page', () => {
    const js = `<div id="r"></div><script>var t = { h: 'We stopped this connection', p: 'Safe Browsing on your router blocked this address because it is known for scams.' }; document.getElementById('r').textContent = t.h + ' ' + t.p;</script>`;
    expect(detectBlockPage(page('Router', js)).blocked).toBe(true);
  });

  it('a 404 disguise that admits it was filtered is a block; a plain 404 is not', () => {
    const fake = '<h1>Not Found</h1><p>The requested URL / was not found on this server.</p><hr><p>Diese Seite wurde gefiltert durch das Zugangsgateway des Anbieters.</p>';
    expect(detectBlockPage(page('404 Not Found', fake)).blocked).toBe(true);
    expect(detectBlockPage(page('404 Not Found', '<h1>Not Found</h1><p>The requested URL / was not found on this server.</p>')).blocked).toBe(false);
  });
});

const HELD_OUT_FILES = readdirSync(FIX).filter((d) => /^held-out-\d+$/.test(d)).flatMap((d) =>
  ['unseen', 'not-blocked'].flatMap((k) => readdirSync(join(FIX, d, k)).filter((f) => f.endsWith('.html')).map((f) => `${d}/${k}/${f}`)));

describe('detectBlockPage: contract', () => {
  it('never throws, whatever it is given', () => {
    const bad = [
      null, undefined, {}, { headers: null }, { headers: { a: 1 } }, { redirects: 'x' }, { redirects: [null, 3] },
      { url: 42 }, { status: 'x' },
    ];
    for (const r of bad) {
      expect(() => detectBlockPage(fixture('ru-registry.html'), r as never)).not.toThrow();
    }
    expect(detectBlockPage(null as never)).toEqual({ blocked: false });
    expect(detectBlockPage({} as never)).toEqual({ blocked: false });
  });

  // One test per fixture directory: two hundred pages parsed by jsdom do not fit one timeout on
  // a loaded shared machine.
  const FIXTURE_GROUPS: Array<[string, string[]]> = [
    ['top level', readdirSync(FIX).filter((f) => f.endsWith('.html'))],
    ['not-blocked', readdirSync(join(FIX, 'not-blocked')).map((f) => `not-blocked/${f}`)],
    ['unseen', readdirSync(join(FIX, 'unseen')).map((f) => `unseen/${f}`)],
    ...[...new Set(HELD_OUT_FILES.map((f) => f.split('/')[0]!))].map((set): [string, string[]] => [set, HELD_OUT_FILES.filter((f) => f.startsWith(set + '/'))]),
  ];
  for (const [group, files] of FIXTURE_GROUPS) {
    it(`does not modify the document (${group}, ${files.length} pages)`, () => {
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const d = fixture(f);
        const before = d.documentElement.outerHTML;
        detectBlockPage(d, { url: 'http://x.test/', headers: { server: 'x' } });
        expect(d.documentElement.outerHTML).toBe(before);
      }
    }, 90_000);
  }

  it('uses no DOM globals', () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
    expect(detectBlockPage(fixture('ru-registry.html')).blocked).toBe(true);
  });

  it('reads only the start of a large normal page, so its cost does not grow with the page', () => {
    // Speed itself is measured by the bench (bench/blockpages.ts); here the bound that keeps it
    // flat is checked deterministically: the walk stops at its budget on a large page.
    const page = (n: number): Document => doc(`<html><head><title>News</title><script>var a = 1;</script></head><body>${
      '<div class="c"><p>Lorem ipsum dolor sit amet, <a href="/x">consectetur</a> adipiscing elit.</p></div>'.repeat(n)}</body></html>`);
    const small = walk(page(20), 24000);
    const largeDoc = page(6000); // parsed once: jsdom takes seconds on a loaded machine
    const large = walk(largeDoc, 24000);
    expect(small.truncated).toBe(false);
    expect(large.truncated).toBe(true);
    expect(large.elements).toBeLessThanOrEqual(1200);
    expect(large.html.length).toBeLessThanOrEqual(26000);
    expect(detectBlockPage(largeDoc).blocked).toBe(false);
  });
});
