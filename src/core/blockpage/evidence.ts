/**
 * Independent evidence that a short page is a block notice, scored rather than matched as one
 * phrase (heuristics.ts asks for this only after its phrase rules found nothing).
 *
 * A block page answers up to five questions, each in its own words, and a page that answers
 * most of them is a notice whatever its language or layout:
 * - denial: the request was not served ("you do not have access to this site", "can't be
 *   shown on the public computers", "no es posible acceder");
 * - request: the page speaks of the page the user asked for ("the site you are trying to
 *   visit", "el contenido solicitado"), which only a page served in its place does;
 * - authority: a law, court, ministry or regulator (heuristics.ts, AUTHORITY);
 * - agent: the filter, gateway, firewall, network or parent that stood in the way;
 * - reference: a decision, resolution, rule or section number;
 * - echo: labelled fields that repeat the request back (Category:, Policy:, Reference:);
 * - shape: a short page with almost no links (a notice, not a site).
 * Each vocabulary spans the languages we cover, not just the language of one page: the
 * question is what the page says, and every language says it with the same few notions.
 *
 * Text arrives normalised (normalise.ts): lower case, ASCII quotes dropped (so "can't" reads
 * "cant", "n'avez" reads "navez"), whitespace collapsed.
 */

/**
 * The request was refused or cannot be served, said of this site or of the user, in many
 * languages. Weaker than heuristics.ts BLOCK_PHRASES ("not permitted", "no access"), so it
 * counts only with who or why beside it. Not "can't be reached" (a browser's network error)
 * nor "not found" (a missing page).
 */
export const DENIAL: RegExp[] = [
  // English
  /\b(?:cant|can’t|cannot|can not|could not|couldnt|won’t|wont|will not)\s+(?:be\s+)?(?:shown|displayed|opened|open|accessed|viewed|visited)\s+(?:on|from|here|at|in|right now|through|via)\b/,
  /\byou\s+(?:do not|dont|don’t)\s+have\s+access\s+to\s+(?:this|the)\b|\b(?:is|are)\s+off-?limits\b|\byou\s+are\s+not\s+(?:allowed|permitted)\s+to\s+(?:visit|access|view|open)\b/,
  /\b(?:access|browsing)\s+to\s+(?:this|the\s+requested)\s+(?:site|website|page|url|address)\b[^.!?]{0,40}?\bnot\s+(?:permitted|allowed|authori[sz]ed)\b/,
  // Spanish, Catalan, Portuguese, Galician
  /\bno\s+(?:tiene|tienes|tenés|teniu|té)\s+acc[eé]s|\bno\s+es\s+posible\s+acceder|\bno\s+(?:se\s+)?pued[ea]\s+(?:acceder|mostrar|abrir)|\b(?:interrumpido|suspendido|restringido|bloqueado|denegado|limitado)\s+el\s+acceso|\bno\s+está\s+permitid[oa]|\bacc[eé]s(?:o)?\s+(?:denegado|restringido|no\s+permitido|denegat|restringit)/,
  /\bnão\s+(?:tem|possui)\s+acesso|\bnão\s+é\s+possível\s+acessar|\bacesso\s+(?:negado|restrito|bloqueado|interrompido|suspenso)|\bnão\s+é\s+permitid[oa]/,
  // French, Italian
  /\bn[’]?avez\s+pas\s+accès|\bimpossible\s+d[’]?accéder|\baccès\s+(?:refusé|interdit|restreint|suspendu|interrompu)|\bn[’]?est\s+pas\s+autorisée?|\b(?:filtrée?|bloquée?)s?\s+par\b/,
  /\bnon\s+(?:hai|ha|avete)\s+accesso|\bimpossibile\s+accedere|\baccesso\s+(?:negato|bloccato|interrotto|sospeso|non\s+consentito)|\bnon\s+è\s+consentit[oa]/,
  // German, Dutch, Scandinavian
  /\bkein(?:en)?\s+zugriff|\bzugriff\s+(?:verweigert|gesperrt|nicht\s+(?:erlaubt|gestattet))|\bnicht\s+(?:erlaubt|gestattet)\b/,
  /\bgeen\s+toegang|\btoegang\s+(?:geweigerd|niet\s+toegestaan)|\bniet\s+toegestaan\b/,
  /\båtkomst\s+(?:nekad|nekas)|\bingen\s+(?:tilgang|adgang|åtkomst)\b|\bikke\s+tilladt\b|\bikke\s+tillatt\b/,
  // Basque, Romanian, Polish, Czech/Slovak, Hungarian, Greek
  /\bezin\s+da\b[^.!?]{0,40}?\bsartu\b|\bsarbidea\s+(?:eten|ukatu|blokeatu|mugatu)/,
  /\bnu\s+aveți\s+acces|\baccesul?\s+(?:interzis|refuzat|restricționat)/,
  /\bbrak\s+dostępu|\bdostęp\s+(?:zabroniony|odmówiony)|\bpřístup\s+(?:odepřen|zakázán)|\bprístup\s+(?:zamietnutý|zakázaný)/,
  /\bhozzáférés\s+megtagadva|\bδεν\s+(?:έχετε|επιτρέπεται)\s+(?:η\s+)?πρόσβαση/,
  // Russian, Ukrainian, Turkish
  /нет\s+доступа|доступ\s+(?:запрещ|закрыт)|невозможно\s+(?:открыть|получить\s+доступ)|немає\s+доступу|доступ\s+(?:заборонен|закрит)/,
  /\berişim(?:iniz)?\s+(?:yok|reddedildi)|\berişim\s+izni(?:niz)?\s+yok/,
  // Arabic, Persian, Indonesian/Malay, Vietnamese
  /لا\s+(?:يمكن|يمكنك)\s+(?:الوصول|عرض|فتح)|غير\s+مسموح|اجازه\s?(?:ی\s?)?دسترسی|مجاز\s?نیست/,
  /\btidak\s+(?:dapat|bisa|boleh)\s+(?:diakses|dibuka)|\bakses\s+(?:ditolak|dibatasi)|\bkhông\s+(?:thể|được\s+phép)\s+truy\s+cập/,
  // "Not available here" (on the network the user is on), "not on the list of approved resources"
  // (an allow-list), in several languages.
  /\b(?:isnt|isn’t|is\s+not|not)\s+available\s+here\b|\bnot\s+on\s+the\s+list\s+of\s+(?:approved|allowed|permitted)\b|\bno\s+está\s+disponible\s+aquí|\bn[’]?est\s+pas\s+disponible\s+ici|\bist\s+hier\s+nicht\s+verfügbar|\bnão\s+está\s+disponível\s+aqui|\bnon\s+è\s+disponibile\s+qui|здесь\s+недоступ/,
  // Chinese, Japanese, Korean, Thai, Hindi, Swahili
  /无法访问|無法訪問|不允许访问|不允許訪問|访问受限|訪問受限|拒绝访问|拒絕訪問|アクセスできません|閲覧できません|접근할\s?수\s?없|이용할\s?수\s?없|ไม่สามารถเข้าถึง|पहुँच\s+(?:नहीं|अवरुद्ध)|\bhuwezi\s+kufikia/,
];

/** The page the user asked for, spoken of by the page served in its place, in many languages. */
export const REQUEST = /\b(?:the\s+)?(?:site|website|web\s?site|page|web\s?page|url|address|resource|content|link)\s+(?:that\s+)?you\s+(?:are\s+trying\s+to|tried\s+to|were\s+trying\s+to|want(?:ed)?\s+to|have\s+requested|requested|asked\s+for|are\s+attempting\s+to|attempted\s+to|selected|clicked|opened|chose)\b|\bthe\s+requested\s+(?:site|website|page|web\s?page|url|address|resource|content)\b|\b(?:sitio|página|contenido|dirección|recurso|site|conteúdo|endereço)\s+(?:web\s+)?(?:que\s+(?:intenta|intentas|ha\s+solicitado|solicitó|solicita|quiere|você\s+(?:tentou|está\s+tentando|solicitou))|solicitad[oa]|requisitad[oa])\b|\b(?:le\s+site|la\s+page|la\s+ressource|le\s+contenu)\s+(?:que\s+vous|demandée?|recherchée?)\b|\b(?:il\s+sito|la\s+pagina|la\s+risorsa)\s+(?:che\s+(?:stai|hai|si\s+sta)|richiest[oa])\b|\b(?:angeforderte|aufgerufene|gewünschte)\s+(?:seite|webseite|website|adresse|url)\b|\b(?:opgevraagde|gevraagde)\s+(?:pagina|website|site)\b|\b(?:erişmek|girmek|ulaşmak)\s+istediğiniz\b|\b(?:situs|laman|halaman|alamat)\s+yang\s+anda\s+(?:tuju|akses|kunjungi|minta)\b|\bżądan\w+\s+stron|запрашиваем\w*\s+(?:ресурс|страниц|сайт|адрес)|запрошенн\w*\s+(?:ресурс|страниц|сайт)|запитуван\w*\s+(?:ресурс|сторінк|сайт)|الموقع\s+(?:الذي\s+(?:تحاول|طلبته)|المطلوب)|الصفحة\s+المطلوبة|سایت\s+(?:مورد\s+نظر|درخواستی)|您(?:所)?(?:要|请求|請求)?(?:访问|訪問|浏览|瀏覽)的|アクセスしようとした|(?:요청하신|접속하려는|접속하신)|\btrang\s+(?:web\s+)?bạn\s+(?:đang\s+)?(?:truy\s+cập|yêu\s+cầu)/;

/**
 * Who stood in the way when it is not an authority: a filter, gateway, firewall or proxy; the
 * network or the computers the user is on; a parent. In many languages.
 */
export const AGENT = /\b(?:filter(?:s|ed|ing)?|filter list|firewall|gateway|proxy|kiosk|public computers?|network administrator|(?:your|this|our|the)\s+(?:[a-z&-]+\s+){0,3}(?:network|wi-?fi)|wi-?fi|vpn|(?:threat|web|dns|malware|phishing|family|content|security)\s+(?:shield|protection|guard|blocker|lock|service)|servei de seguretat|servicio de seguridad|serviço de segurança|service de sécurité|your parents?|parents? (?:has|have) set|passerelle|pare-feu|filtre|filtrage|pasarela|cortafuegos|filtro|filtragem|firewall|netzwerk|filterliste|netwerk|filtr\w*|sieci|síť|szűrő)\b|фильтр|межсетев|шлюз|过滤|過濾|防火墙|防火牆|网关|網關|ফিল্টার|فیلتر|فلتر|جدار/;

/** A decision, resolution, rule or section number: "Resolución 105/2021", "rule #14", "E/2026/00318". */
export const REFERENCE = /(?:\b(?:no|nr|n°|nº|núm|num|number|número|numéro|nummer|rule|règle|regla|regel|section|sec|article|art|§|sección|artículo|decision|decisión|resolución|resolution|order|ordonnance|décision)\.?\s?#?\s?[a-z]?\d|[#№]\s?\d|\b[a-z]{0,4}\/?\d{2,6}\/\d{2,6}\b)/;

/** Labelled fields that echo the request back: "Category:", "Policy:", "Reference:", "URL:", "Category ......" (dot leaders). */
export const ECHO = /(?:^|\s)(?:category|categories|categoría|categoria|catégorie|kategorie|kategori|категория|policy|política|politique|rule|reference|ref|reason|motivo|raison|grund|url|requested (?:site|url|page)|requested|site|host|network|resolution|resolución|ebazpena|decision|fecha|data|date|profile|device|client|dispositiu|dispositivo|gerät|appareil)(?:\s?[:#]|\s?\.{3,})/;

/** A short page with almost no links: a notice, not a site. */
export function noticeShape(textLength: number, links: number): boolean {
  return textLength < 1500 && links <= 5;
}

export interface Evidence {
  denial: boolean;
  request: boolean;
  authority: boolean;
  agent: boolean;
  reference: boolean;
  echo: boolean;
  shape: boolean;
}

/** How many of the supporting questions the page answers (denial is required apart). */
export function support(e: Evidence): number {
  return Number(e.request) + Number(e.authority) + Number(e.agent) + Number(e.reference) + Number(e.echo) + Number(e.shape);
}

/**
 * A notice: the request refused, who or why named, and at least three answers besides. One
 * phrase list can miss a wording; three independent answers rarely all come from a page that
 * is not a notice (a news story has no echo fields and is long; a maintenance page names no
 * agent or authority).
 */
export function isNotice(e: Evidence): boolean {
  if (!(e.authority || e.agent)) return false;
  if (e.denial) return support(e) >= 3;
  // No refusal in so many words (a gateway's caution page that asks before letting the user
  // through): the page is served in place of the requested one and answers all the rest.
  return e.request && support(e) >= 5;
}
