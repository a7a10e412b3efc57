import { aboutBlockingGenre } from './genre.js';
import { AGENT, DENIAL, ECHO, REFERENCE, REQUEST, isNotice, noticeShape, type Evidence } from './evidence.js';
import { hiddenText, scriptProse, scriptTitle, unlinkedText, type PageFacts } from './walk.js';

/**
 * General block-page heuristics, for block pages no signature lists.
 *
 * A block page is short and says two things: that access to what you asked for is blocked or
 * restricted, and on whose authority (a court, a ministry, a law, a registry, a regulator) or by
 * which filter (a content filter, a network or company policy, an administrator). The wording
 * lists cover the languages of the countries that block most (Russian and its neighbours,
 * Persian, Arabic, Turkish, Indonesian/Malay, Chinese, Korean, Thai, Vietnamese…) and those of
 * the court-ordered and opt-in filters of Europe and elsewhere.
 *
 * Text arrives normalised: lower case, quotes dropped, whitespace collapsed.
 */

/** "All websites are redirected to this page": the page put in every site's place (a captive or suspension page). */
const INTERCEPTS = /\b(?:all|every|any)\s+(?:web\s?sites?|sites?|pages?|requests?|addresses)\s+(?:are|is|will\s+be|get|have\s+been)\s+(?:being\s+)?(?:redirected|sent|forwarded|directed)\s+(?:here|to\s+this\s+page)\b|\btodos\s+los\s+sitios\s+(?:web\s+)?(?:son|serán)\s+redirigidos\s+a\s+esta\s+página|\btous\s+les\s+sites\s+sont\s+redirigés\s+vers\s+cette\s+page/;

/** "Access … blocked/restricted", "site blocked", in many languages. */
const BLOCK_PHRASES: RegExp[] = [
  // English
  /\b(?:access|connection|browsing)\b[^.!?]{0,80}?\b(?:has been|have been|is|was|are|been)\s+(?:temporarily\s+)?(?:blocked|restricted|denied|disabled|prohibited|forbidden|limited|filtered|suspended|prevented|paused)\b/,
  // The blocker speaking for itself, in many languages: "we have blocked this page", "hem
  // bloquejat aquesta pàgina", "hemos bloqueado", "nous avons bloqué", "мы заблокировали".
  /\bwe\s+(?:have\s+|ve\s+)?(?:stopped|blocked|prevented|interrupted|paused|restricted)\s+(?:this|the|your|access)\b|\b(?:hem\s+bloquejat|hemos\s+bloqueado|bloqueamos|nous\s+avons\s+bloqué|abbiamo\s+bloccato|zablokowaliśmy|engelledik)\b|\bwir\s+haben\b[^.!?]{0,40}?\b(?:gesperrt|blockiert)|\bwe\s+hebben\b[^.!?]{0,40}?\bgeblokkeerd|\bkami\s+(?:telah\s+)?memblokir|мы\s+заблокировали|ми\s+заблокували/,
  // A request turned away by a named policy, filter or gateway: "request denied by vessel bandwidth policy".
  /\b(?:request|access|connection|site|page)\s+(?:was\s+|has\s+been\s+|is\s+)?(?:denied|refused)\s+by\s+(?:the\s+|your\s+)?(?:[^\s.!?]+\s+){0,3}(?:policy|filter|proxy|firewall|gateway|administrator|network)\b/,
  // A page that says every site leads to it is the one put in their place (a captive or suspension page).
  INTERCEPTS,
  // "This site / the page you requested has been blocked", not "when a site is blocked" (a page
  // about blocking in general speaks of "a" site, a block page of this one).
  /(?<!\b(?:a|an|any|some|each|every|such|which|certain)\s)\b(?:web\s?site|web\s?page|site|page|url|domain|resource|content|address)\b[^.!?]{0,60}?\b(?:has been|is|was|been)\s+(?:temporarily\s+)?(?:blocked|restricted|filtered|banned|prohibited|disabled|suspended|denied|(?:made|rendered)\s+(?:temporarily\s+)?(?:inaccessible|unavailable))\b/,
  // "This website is not accessible / cannot be accessed" (an authority or a title must back it).
  /(?<!\b(?:a|an|any|some|each|every|such|which|certain)\s)\b(?:web\s?site|web\s?page|site|page|url|domain|resource|content)\b[^.!?]{0,60}?\b(?:is\s+not\s+accessible|is\s+inaccessible|cannot\s+be\s+accessed|can\s?not\s+be\s+accessed|may\s+not\s+be\s+accessed)\b/,
  /\b(?:temporarily\s+)?(?:made|rendered)\s+(?:temporarily\s+)?inaccessible\b/,
  // Providers told to block: "operators must prevent access to it", "ordered providers to make it inaccessible".
  /\b(?:required|obliged|obligated|ordered|must|instructed|directed)\b[^.!?]{0,60}?\b(?:prevent|stop|block|restrict|disable|deny|suspend)\w*\s+(?:the\s+)?access\b/,
  /\b(?:provider|operator|isp|we)s?\s+(?:blocks?|restricts?|prevents?)\s+(?:the\s+)?(?:connections?|access)\s+to\b/,
  /\b(?:has|have)\s+(?:restricted|blocked|denied|disabled|suspended)\s+access\s+to\s+(?:this|the)\b/,
  /\baccess\b[^.!?]{0,120}?\b(?:is|are)\s+not\s+(?:permitted|allowed|authori[sz]ed)\b/,
  // A network that filters says the page is not for its users: "unavailable on our guest network".
  /\b(?:unavailable|not available|isnt available|blocked|filtered|not permitted|not allowed|cannot be reached|cannot be accessed)\s+(?:on|over|from|through|via)\s+(?:(?:this|our|the|your)\s+)?(?:[^\s.!?]+\s+){0,3}(?:network|wi-?fi|connection|computers?|link|terminals?|devices?)\b/,
  // A filter, firewall or security product says what it did: "the campus firewall blocked it",
  // "Web Shield stopped this page from loading".
  /\b(?:filter|firewall|proxy|gateway|administrator|provider|isp|network|shield|protection|software|service)\s+(?:has\s+|have\s+)?(?:blocked|stopped|denied)\s+(?:this|the|it|access|your)\b/,
  /\b(?:stopped|prevented|blocked)\s+(?:this|the)\s+(?:page|site|website|request|connection|download)\s+from\s+(?:loading|opening|being)\b/,
  /\b(?:in|from)\s+this\s+category\b[^.!?]{0,40}?\b(?:not available|blocked|not allowed|not permitted|restricted)\b/,
  // Catalan, Spanish, French, Portuguese, Italian, German: "the firewall has blocked the connection", "no es pot accedir".
  /(?:cortafuegos|tallafoc|pare-feu|firewall|filtro|filtre|proxy|cortafogo)\s+(?:ha|a|hat|tiene)\s+(?:bloqueado|bloquejat|bloqué|bloqueado|bloccato|blockiert|gesperrt)|\bno\s+es\s+pot\s+accedir|(?:lloc|accés|pàgina)[^.!?]{0,60}?(?:bloquejat|no\s+està\s+permès|no\s+permès)|\bno\s+se\s+puede\s+acceder\s+a\s+este\s+sitio/,
  // Icelandic, Uyghur, Malayalam
  /lokað\s+fyrir|ekki\s+aðgengileg|ekki\s+leyfð|چەكلەنگەن|توسۇلدى|തടഞ്ഞ/,
  /\b(?:this|the\s+requested)\s+(?:web\s?site|web\s?page|site|page|url)\s+(?:is\s+not|isnt|isn’t)\s+(?:allowed|permitted|authori[sz]ed)\b/,
  // A DNS redirect to a notice: "your browser was sent here instead", "show this warning page instead".
  /\b(?:sent|redirected|directed|forwarded)\s+(?:you\s+)?(?:here|to this page)\s+instead\b/,
  /\b(?:show|display)\s+(?:you\s+)?(?:this|a)\s+(?:warning|notice|information)\s+page\s+instead\b/,
  /\bblocked\s+(?:by|due to|in accordance|as per|because|pursuant|under|for your)\b/,
  /\b(?:is|are)\s+not\s+available\s+in\s+[a-z ]{3,30}\s+(?:as|because|due)\b/,
  /\bcontains?\s+prohibited\s+material\b/,
  /\bunavailable\s+for\s+legal\s+reasons\b/,
  /\b(?:adult\s+)?content\s+(?:filter|lock|bar)\b[^.!?]{0,40}\b(?:is on|is turned on|active|enabled)\b/,
  /\brestricted\s+for\s+browsing\b/,
  /\bnot\s+(?:allowed|permitted)\s+to\s+be\s+(?:viewed|accessed|visited|displayed|browsed)\b/,
  /\b(?:prohibited|not permitted|not allowed)\s+(?:for\s+viewing\s+)?(?:under|by|from within|within|in)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:law|laws|legislation|pakistan|[a-z]+\s+territory)\b/,
  /\bcontent\s+that\s+is\s+(?:prohibited|not permitted|illegal)\b/,
  /\b(?:not available|blocked|denied|restricted)\b[^.!?]{0,60}\bcategori[sz]ed\s+(?:as|under)\b/,
  /\byour\s+(?:organi[sz]ations?|company|companys|school|schools|employer|network administrator)\b[^.!?]{0,60}\b(?:policy|policies|blocks?|blocked|restricts?|prohibits?|does not allow)\b/,
  // Russian
  /доступ[^.!?]{0,90}?(?:ограничен|заблокирован|закрыт|запрещ[её]н|приостановлен|блокирован)/,
  /(?:ресурс|сайт|страниц[аы]|адрес|ссылка|url)[^.!?]{0,60}?(?:заблокирован|ограничен|запрещ[её]н|закрыт)/,
  /(?:заблокирован|ограничен)[аоы]?\s+(?:по\s+решению|на\s+основании|в\s+соответствии|роскомнадзор)/,
  /(?:ресурс|сайт|страниц[аы])[^.!?]{0,60}?недоступ[а-я]*\s+(?:в\s+соответствии|на\s+основании|по\s+решению|согласно)/,
  // Ukrainian, Belarusian
  /доступ[^.!?]{0,90}?(?:обмежен|заблоковано|закрито|абмежаван|заблакіраван)/,
  /(?:ресурс|сайт|рэсурс)[^.!?]{0,60}?(?:заблоковано|заблокований|заблакіраван|абмежаван)/,
  // Kazakh
  /(?:қолжетімділік|кіру|қол жеткізу)[^.!?]{0,60}?(?:шектелген|бұғатталған|жабылған|тыйым)/,
  /бұғатталған/,
  /(?:кіру|қолжетімділік|ресурс)[^.!?]{0,80}?(?:тоқтатыл|шектел)/,
  // Tajik
  /(?:дастрасӣ|дастраси)[^.!?]{0,80}?(?:маҳдуд|баста|манъ)/,
  // Azerbaijani
  /(?:giriş|daxil olmaq|sayt|resurs)[^.!?]{0,100}?(?:məhdudlaşdırıl|bloklan|qadağan)/,
  // Uzbek (Latin and Cyrillic)
  /(?:kirish|sayt|resurs|veb-sayt|sahifa)[^.!?]{0,80}?(?:cheklangan|bloklangan|taqiqlangan|ochilmaydi|yopilgan)/,
  /(?:кириш|сайт|ресурс)[^.!?]{0,60}?(?:чекланган|блокланган|тақиқланган)/,
  // Persian
  /دسترسی[^.!?]{0,80}?(?:امکان\s?پذیر\s?نمی\s?باشد|امکانپذیر\s?نیست|مسدود|محدود|ممنوع|غیر\s?مجاز)/,
  /(?:فیلتر|مسدود)\s?شده/,
  /امکان\s?(?:دسترسی|نمایش)[^.!?]{0,80}?(?:وجود\s?ندارد|نیست)/,
  // Urdu
  /رسائی[^.!?]{0,80}?(?:بند|محدود|روک)/,
  /(?:ویب\s?سائٹ|سائٹ)[^.!?]{0,40}?(?:بلاک|بند\s+کر)/,
  // Arabic
  /(?:محجوب|تم\s+حجب|حجب\s+(?:هذا\s+)?الموقع|الموقع\s+المطلوب\s+غير\s+متاح|تم\s+(?:حظر|منع|تقييد)\s+(?:الوصول|الدخول))/,
  /(?:الوصول|الدخول)[^.!?]{0,60}?(?:محظور|ممنوع|مقيد|محجوب)/,
  /(?:لا\s+يمكن|لا\s+يمكنك|يتعذر|تعذر)\s+(?:عرض|الوصول|الدخول|تصفح|فتح)[^.!?]{0,80}?(?:تتعارض|مخالف|الأنظمة|القانون|قانون)/,
  // Turkish
  /(?:erişim|bu\s+site|bu\s+siteye|bu\s+web\s+sitesi)[^.!?]{0,100}?(?:engellen|kısıtlan|yasaklan|durduruldu)/,
  /erişime\s+(?:kapatıl|engel)/,
  /erişim\s+engeli/,
  /(?:idari|koruma)\s+tedbir[^.!?]{0,60}?uygulan/,
  // Indonesian / Malay
  /(?:diblokir|diblok\b|akses\s+ditutup|situs\s+terlarang|negatif\s+konten|konten\s+negatif|internet\s+positif|internet\s+sehat|internet\s+baik|tidak\s+dapat\s+diakses|disekat)/,
  /(?:situs|laman|halaman|web)[^.!?]{0,60}?tidak\s+(?:bisa|dapat|boleh)\s+(?:dibuka|diakses|dilayari|dicapai)/,
  // Chinese
  /(?:访问|訪問|存取|网站|網站|网页|網頁|页面|頁面|站点)[^。！]{0,20}?(?:被拒绝|被拒絕|被阻止|被屏蔽|被封锁|被封鎖|被禁止|已禁止|被限制|受到限制|被拦截|被攔截)/,
  /(?:已被|已经被|已經被)(?:屏蔽|封锁|封鎖|拦截|攔截|阻止|禁止访问|禁止訪問)/,
  /禁止访问|禁止訪問/,
  // Korean, Japanese
  /(?:차단|접속이\s?제한|접근이\s?제한|불법\s?[·ㆍ]?\s?유해)/,
  /접속(?:할|하실)\s?수\s?없/,
  /アクセス[^。]{0,20}?(?:ブロック|制限|遮断|禁止)|ブロックされ|(?:接続|閲覧|アクセス)を(?:遮断|制限|禁止)/,
  // Thai, Vietnamese
  /(?:ถูกระงับ|ถูกปิดกั้น|ระงับการเข้าถึง|ถูกบล็อก)/,
  /(?:เว็บไซต์|หน้าเว็บ)[^.!?]{0,200}?ไม่สามารถ(?:เข้าถึง|ให้บริการ|เปิด)/,
  /(?:bị\s+chặn|bị\s+ngăn\s+chặn|bị\s+cấm\s+truy\s+cập|truy\s+cập\s+bị\s+(?:từ\s+chối|chặn))/,
  // Bengali, Burmese, Swahili
  /(?:ওয়েবসাইট|সাইট)[^।]{0,40}?(?:বন্ধ|ব্লক)/,
  /ပိတ်ပင်/,
  /(?:tovuti|ukurasa)[^.!?]{0,40}?(?:imezuiwa|imefungiwa|imefungwa)/,
  // Bulgarian, Greek, Hungarian, Polish, Dutch, Danish/Norwegian
  /(?:достъп|уебсайт|сайт)[^.!?]{0,60}?(?:спрян|блокиран|ограничен|преустановен)/,
  /(?:πρόσβαση|ιστότοπ|ιστοσελίδ)[^.!?]{0,60}?(?:αποκλεισ|περιορισ|μπλοκαρ|διακοπ|διακόπ)|λίστα αποκλεισμού|(?:διακόπτ|αποκλεί)\w*\s+(?:την\s+)?πρόσβαση/,
  /hozzáférhetetlen|(?:hozzáférés|weboldal|oldal)[^.!?]{0,60}?(?:letiltott|letiltva|blokkol|korlátoz|tiltott)/,
  /(?:dostęp|stron[aęy]|witryn[aęy])[^.!?]{0,60}?(?:zablokowan|ograniczon)/,
  /ontoegankelijk gemaakt|(?:toegang|website|site)[^.!?]{0,60}?(?:geblokkeerd|afgeschermd|ontoegankelijk)/,
  /(?:nettside|nettsted|hjemmeside|adgang|tilgang|adgangen|tilgangen)[^.!?]{0,60}?(?:blokkert|sperret|spærret|blokeret|stengt)|(?:dns-?)?varselside/,
  // Amharic ("not accessible", "made inaccessible")
  /ተደራሽ\s?አይደለም|እንዳይደረስበት/,
  // German, French, Spanish, Portuguese, Italian
  /(?:zugriff|zugang|seite|webseite|website)[^.!?]{0,60}?(?:gesperrt|blockiert|verweigert|unzugänglich)/,
  /(?:accès|site|page)[^.!?]{0,60}?(?:bloqué|bloquée|restreint|interdit|inaccessible|suspendu)/,
  // "Filtered by" a named filter, in many languages: a filter that admits what it did (even on a
  // page dressed as a 404, the historical disguise of some national filters).
  /\b(?:filtered|filtrée?s?|filtrad[oa]s?|filtrat[oa]|gefiltert|gefilterd|filtrowan[aey]|filtrován[aoy]?)\s+(?:by|par|por|pela|pelo|da|dal|dalla|von|durch|door|przez)\b|отфильтрован[аоы]?\s/,
  // "Ce site est inaccessible / no es accesible / non è accessibile" (with an authority or a title).
  /(?:sitio|página|site|sito|pagina)[^.!?]{0,60}?(?:inaccesible|no\s+es\s+accesible|inacessível|não\s+está\s+acessível|inaccessibile|non\s+è\s+accessibile)/,
  /accès\s+(?:est\s+)?rendu\s+impossible|(?:ce\s+site|cette\s+page)\s+n[’]?est\s+pas\s+autorisée?/,
  /(?:acceso|acesso|sitio|site|página|pagina)[^.!?]{0,60}?(?:bloquead[oa]|restringid[oa]|denegad[oa]|prohibid[oa]|proibid[oa])/,
  /(?:bloqueio|bloqueo|suspensão|suspensión)\s+(?:determinad[oa]|ordenad[oa])\s+(?:por|pela|pelo)|(?:endereço|site|acesso|dirección|sitio|acceso)[^.!?]{0,60}?suspens[oa]\s+(?:em|en|por)\s+(?:cumprimento|cumplimiento|ordem|orden|decisão|decisión)/,
  /(?:accesso|sito|pagina)[^.!?]{0,60}?(?:bloccat[oa]|inibit[oa]|oscurat[oa]|negat[oa])/,
  // Providers told to block, as in English: "los proveedores deben bloquear el acceso", "les FAI doivent bloquer l'accès".
  /\b(?:deben|debe|deberán|doivent|doit|devem|deve|devono|müssen|muss|sono tenuti a|están obligados a|são obrigados a|sont tenus d)\s+(?:bloquear|bloquer|bloccare|sperren|impedir|impedire|empêcher|restringir|inibire|blockieren|unterbinden)\s+(?:el\s+|o\s+|l|den\s+|il\s+|a\s+)?(?:acceso|accès|acesso|accesso|zugang|zugriff)/,
  // "La página … no está autorizada", "site não autorizado", "sito non autorizzato" (and the French above).
  /(?:sitio|página|pagina|site|sito|dominio|domínio)[^.!?]{0,60}?\b(?:no|não|non)\s+(?:está\s+|esta\s+|è\s+)?(?:autorizad[oa]|autorizzat[oa]|permitid[oa]|consentit[oa])\b/,
  // Croatian, Bosnian, Serbian (Latin), Slovenian, Czech, Slovak: "pristup … nije dopušten", "stránka je zablokovaná".
  // Singular endings only: "popis blokiranih stranica" (a list of blocked sites) is about blocking.
  /(?:pristup|stranic|stránk|přístup|prístup|dostop|spletn|web)[^.!?]{0,80}?(?:(?:blokiran|zablokovan|zablokován|blokovan|onemogućen|onemogočen|zabranjen|zakázan|zamedzen|omejen|ograničen|zabraněn)(?:[aoáée]|ou)?(?![a-zà-žčćđšěřůýíúň])|nije dopušten|ni dovoljen|není povolen|nie je povolen)/,
  /\b(?:zabranjen|zakázaný|zakázán|zabraněn|onemogočen)\s+(?:pristup|přístup|prístup|dostop)\b/,
  // "Access … not allowed / not permitted" in German, French, Spanish, Portuguese, Italian, Dutch, Polish, Turkish, Indonesian, Romanian.
  /(?:zugriff|zugang|accès|acceso|acesso|accesso|toegang|dostęp|erişim|akses|accesul)[^.!?]{0,80}?(?:nicht\s+(?:erlaubt|gestattet|zulässig)|n(?:e\s+)?est\s+pas\s+(?:autorisé|permis)|non\s+autorisé|no\s+(?:está\s+)?permitido|não\s+(?:é\s+)?permitido|non\s+(?:è\s+)?consentito|niet\s+toegestaan|nie\s+jest\s+dozwolony|niedozwolony|izin\s+verilm|tidak\s+diizinkan|nu\s+este\s+permis|interzis)/,
  // A proxy's access rules refused the request: "access control configuration prevents your request".
  /\baccess\s+control\b[^.!?]{0,40}?\bprevents?\b|control\s+de\s+acceso\s+impide|controle\s+de\s+acesso\s+impede|contrôle\s+d\s?accès\s+empêche|zugriffskontroll\w*\s+verhinder/,
  // "We've blocked this site", as a filter says it.
  /\b(?:we|weve|we have|your (?:isp|provider|network|administrator|school|organi[sz]ation))\s+(?:has\s+|have\s+)?blocked\s+(?:this|the|access|your)\b/,
  // Hebrew
  /(?:הגישה|האתר|אתר|הדף)[^.!?]{0,60}?(?:חסומה|חסום|נחסם|נחסמה|הוגבלה|מוגבלת)(?![\u05d0-\u05ea])/,
  // Hindi, Marathi, Nepali (Devanagari)
  /(?:वेबसाइट|साइट|पहुंच|पहुँच|पृष्ठ|यूआरएल|यह\s+साइट)[^।.!?]{0,80}?(?:ब्लॉक|अवरुद्ध|अवरोधित|प्रतिबंधित|प्रतिबन्धित|बंद\s+कर|रोक\s+लगा)/,
  // Tamil, Telugu, Sinhala, Khmer, Lao
  /தடுக்கப்பட்ட|முடக்கப்பட்ட|నిలిపివేయ|బ్లాక్\s+చేయ|අවහිර\s?කර|ត្រូវបាន(?:បិទ|រារាំង|ហាមឃាត់)|ຖືກ(?:ບລັອກ|ປິດ|ລະງັບ|ຫ້າມ)/,
  // Mongolian, Kyrgyz, Macedonian, Serbian (Cyrillic)
  /(?:хандах|хандалт|сайт|вэб)[^.!?]{0,60}?(?:хаагдсан|хязгаарлагдсан|блоклогдсон)|(?:кирүү|сайт|ресурс)[^.!?]{0,60}?(?:бөгөттөлгөн|чектелген)|(?:пристап|приступ|страница|сајт)[^.!?]{0,60}?(?:блокиран|забрането|забрањен|онемогућен|ограничен)[аоe]?(?![а-яјљњћџ])/,
  // Georgian, Armenian
  /დაბლოკილ|შეზღუდულ|არ\s+არის\s+ხელმისაწვდომ|արգելափակ|սահմանափակ/,
  // Romanian, Lithuanian, Latvian, Estonian, Finnish, Swedish, Albanian: with the verb ("has been
  // blocked"), since "a list of blocked sites" (a press release) uses the same participle.
  /(?:accesul|site|pagin)[^.!?]{0,60}?(?:a\s+fost|este|au\s+fost|sunt)\s+(?:blocat|restricționat|restrictionat|interzis|suspendat)|(?:prieig|svetain|puslap)[^.!?]{0,60}?(?:užblokuota|užblokuotas|apribota|apribotas|sustabdyta)(?![a-ząčęėįšųūž])|(?:piekļuv|vietn|lapa)[^.!?]{0,60}?(?:ir|tika)\s+(?:bloķēt|ierobežot|slēgt)|(?:juurdepääs|veebileht|leht)[^.!?]{0,60}?\bon\s+(?:blokeeritud|piiratud|suletud)|(?:pääsy|sivusto|sivu)[^.!?]{0,60}?(?:\bon\s+(?:estetty|rajoitettu|suljettu)|estänyt)|(?:åtkomst|webbplats|sida|sajt)[^.!?]{0,60}?(?:är|har)\s+(?:blockerad|spärrad|blockerats|spärrats|begränsad|begränsats)|(?:qasja|faqja|faqe|aksesi)[^.!?]{0,60}?(?:është|eshte|u)\s+(?:bllokuar|bllokua|kufizuar|ndaluar)/,
  // Filipino, Kurdish (Sorani), Pashto
  /(?:naka-?block|hinarangan|ipinagbabawal|pinaghigpitan)|(?:بلۆک\s?کراو|داخراو)|(?:بند\s+شوی|بلاک\s+شوی|بندیز)/,
  // Somali, Hausa: "boggan waa la xannibay" (this page has been blocked), "an toshe/an hana shiga".
  /\b(?:la\s+xannibay|xannibaad|waa\s+la\s+xiray)\b|\ban\s+(?:toshe|hana\s+shiga|rufe)\b/,
];

/**
 * Two-word labels ("Website Blocked", "Access Restricted"; Citizen Lab's vague blocking words):
 * evidence only together with an authority or a filter named on the page.
 */
const WEAK_PHRASES: RegExp[] = [
  /\b(?:web\s?site|web\s?page|site|page|url|domain|access|content|resource)\s+(?:blocked|restricted|denied)\b/,
];

/** On whose authority, or by which filter. */
const AUTHORITY: RegExp[] = [
  /\b(?:court|judge|judicial|ministry|minister|ministerial|regulation|regulator|regulatory|law|laws|legislation|decree|authorit(?:y|ies)|government|governmental|govt|police|attorney|prosecutor|commission|directive|directions?|statute|copyright|infring\w*|illegal|unlawful|pursuant|in accordance with|public interest|national law|federal|proclamation|department of)\b/,
  // A law named as an Act ("the Gambling Act"), and the list a regulator keeps of blocked sites.
  /\b[a-z]+\s+act\b(?!\s+(?:now|fast|quickly))|\b(?:black\s?list|block\s?list|address list|register of (?:domains|websites|sites))\b/,
  // A security filter's reason: the page is known for phishing or malware.
  /\b(?:phishing|malware|malicious|trojan|dangerous website|security threat|dns (?:protection|filter\w*|service))\b/,
  /\b(?:policy|policies|administrator|network operator|content filter\w*|filtering|web filter\w*|parental|category|categorized|categorised|safe\s?(?:search|web|surf\w*|browsing)|age of 18|over 18|18\+|adult content|mature)\b/,
  /(?:суд|закон|фз\b|реестр|роскомнадзор|rkn\.gov|минюст|прокурат|министерств|постановлен|государственн|законодательств|правоохранит|экстремист)/,
  /(?:рішення|міністерств|рнбо|нкек|нкрзі|указ|рашэнн|міністэрств|мiнiнфарм|заң|сот\s|шешім|министрлі)/,
  /\b(?:qonun\w*|qaror|sud|vazirlik|davlat)\b/,
  /(?:məhkəmə|qərar|qanun|nazirliy)/,
  /(?:қонун|суд|вазорат|ҳукумат)/,
  /(?:ہدایت|حکم|عدالت|اتھارٹی|وزارت|ادارے)/,
  /(?:আইন|কমিশন|নির্দেশনা|সরকার|আদালত)/,
  /(?:ဥပဒေ|ဝန်ကြီးဌာန)/,
  /\b(?:mamlaka|sheria|mahakama|serikali)\b/,
  /(?:قانون|قضاییه|دادستان|کمیته|مصادیق|وزارت|مقررات)/,
  /(?:وزارة|هيئة|الهيئة|قانون|القانون|المحكمة|الأنظمة|السياسة|التنظيم)/,
  /(?:mahkeme|kanun|karar|btk|bakanlı|tedbir|sayılı|yönetmelik)/,
  /\b(?:peraturan|menteri|kominfo|undang-undang|kementerian|pemerintah|mcmc|skmm|trustpositif|pornografi|perjudian|judi|ketentuan yang berlaku)\b/,
  /(?:法律|法规|法規|政府|主管部门|有关部门|有關部門|规定|規定|公安|监管|監管)/,
  /(?:방송통신|법률|법령|위원회|경찰|warning\.or\.kr|법원|유해|불법)/,
  /(?:法律|裁判所|総務省|規制)/,
  /(?:กระทรวง|ศาล|คำสั่ง|พระราชบัญญัติ|กฎหมาย)/,
  /(?:pháp luật|quy định|bộ thông tin|cơ quan quản lý|nhà nước|thẩm quyền)/,
  /\b(?:gericht|gesetz|behörde|jugendschutz|kategorie|administrator|richtlinie|tribunal|décision|loi|autorité|autoridad|autoridade|comisión|comissão|arcom|ministère|ley|juzgado|orden judicial|lei|tribunale|decreto|legge|autorità|agcom)\b/,
  /(?:gerichtlich|urheberrechtsgesetz|contrôle parental|filtrage|catégorie|judicial|judiciário|judiciario|juízo|ordem judicial)/,
  // A category or a rule the page was classed under, in Spanish, Portuguese, Italian, French.
  /\b(?:clasificad[oa]|classificad[oa]|classificat[oa]|classé|classée)\s+(?:como|come|comme)\b|\b(?:categoría|categoria|política|politique|politica|reglamento|regulamento|règlement|regolamento|resolución|resolução)\b/,
  // Croatian/Bosnian/Serbian, Slovenian, Czech, Slovak: laws, courts, ministries, policies, categories.
  /(?:zakon|zákon|ministarstv|ministerstv|ministrstv|odluk|rozhodnut|odločb|\bsud\b|\bsoud|\bsúd|politik[aeiuy]\b|politici|pravilo|kategorij|kategori[ie])/,
  // Hebrew, Hindi/Nepali, Tamil, Sinhala, Khmer, Lao, Mongolian, Georgian, Armenian, Romanian,
  // Lithuanian, Latvian, Estonian, Finnish, Swedish, Albanian, Filipino: courts, laws, ministries, regulators.
  /(?:בית\s?משפט|חוק|משטרה|רשות|משרד)|(?:सरकार|मंत्रालय|मन्त्रालय|न्यायालय|अदालत|अधिनियम|कानून|कानुन|प्राधिकरण|विभाग)|(?:அரசு|சட்ட|நீதிமன்ற|அமைச்சு)|(?:රජය|නීති|අධිකරණ|කොමිෂන්)|(?:ក្រសួង|រដ្ឋាភិបាល|ច្បាប់|តុលាការ)|(?:ກະຊວງ|ລັດຖະບານ|ກົດໝາຍ)/,
  /(?:хууль|шүүх|яам\b|засгийн газар|зохицуулах)|(?:სასამართლო|კანონ|სამინისტრო|კომისი)|(?:դատարան|օրենք|նախարարություն|որոշում)/,
  /\b(?:instanț\w*|legea|legii|ministerul|autoritat\w*|teism\w*|įstatym\w*|ministerij\w*|tiesa|tiesas|likum\w*|ministrij\w*|kohus|kohtu|seadus\w*|ministeerium\w*|tuomioistuin\w*|käräjäoikeu\w*|markkinaoikeu\w*|lain\b|ministeriö\w*|domstol\w*|tingsrätt\w*|myndighet\w*|gjykat\w*|ligj\w*|ministri\w*|batas|pamahalaan|kautusan)\b/,
  // Parental control, in many languages (the filter that blocked the page).
  /(?:control parental|controle parental|controllo parentale|kindersicherung|rodičovsk\w*\s+kontrol|roditeljsk\w*\s+kontrol|starševsk\w*\s+nadzor|kontrola rodzicielsk|ouderlijk toezicht|родительск\w*\s+контрол|батьківськ\w*\s+контрол|ebeveyn denetimi)/,
  /(?:закон|съд|комисия|агенция)|(?:νόμος|ν\.\s?\d|επιτροπή|απόφαση|δικαστ)|(?:törvény|hatóság|határozat|bíróság)|(?:ustaw|minist|rejestr|sąd)|(?:wet van|rechter|vonnis)|(?:loven|tilsynet|vedtak|domstol|retten)|(?:ባለሥልጣን|አዋጅ|መመሪያ)/,
];

/**
 * A site's own boilerplate that names a policy or a law without being an authority that blocks:
 * footer links and the site's own terms. Removed before looking for an authority.
 */
const OWN_POLICY = /\b(?:privacy|cookies?|our|acceptable use|data protection|refund|editorial)\s+(?:policy|policies|notice)\b|\bcopyright\s+(?:©\s*)?\d{4}|©\s*(?:copyright\s+)?\d{4}|\ball rights reserved\b/g;

/**
 * Pages that restrict access for another reason and say how to get in: login walls and HTTP 401,
 * paywalls, consent walls, age gates, rate limits, bot challenges, not-found pages. Their
 * "access is restricted" is not a block. (A block page offers no way in: nothing to sign in to,
 * subscribe to, accept or wait for.)
 */
const OTHER_GATE = /\b(?:sign in|signin|log in|login|create (?:a |an )?(?:free )?account|subscribe|subscribers?|subscription|credentials|accept all|reject all|manage (?:options|preferences|cookies|settings)|cookie settings|consent|date of birth|verify your age|confirm your age|are you (?:over|at least) \d\d|too many requests|rate limit\w*|try again (?:later|in)|verify(?:ing)? (?:that )?you are (?:a )?human|are you a robot|captcha|unusual traffic|security check|enable javascript and cookies|not found|couldnt find|could not find|cannot be found|cant be found|no longer available|(?:re)?moved or deleted)\b/;

/**
 * A warning not to type one's credentials ("do not enter your company credentials", as a
 * gateway's caution page says) asks for none: it is not a login wall's "credentials".
 */
const NO_CREDENTIALS = /\b(?:do not|dont|don’t|never)\s+(?:enter|type|share|give|submit)\s+(?:your\s+|any\s+)?(?:[a-z]+\s+)?(?:credentials|passwords?|log\s?in details)\b/g;

/**
 * A site's own licensing choice ("not available due to licensing restrictions", "the rights
 * holder"): not a block, unless a court ordered it (copyright blocks name the rights holders too).
 */
const LICENSING_GATE = /\b(?:licens\w* restrictions?|rights? holders?|the uploader)\b/;
const COURT_ORDER = /\b(?:court|judge|judicial|injunction)\b|gericht|tribunal|juzgado|judici|суд|mahkeme|δικαστ|bíróság|sąd\b|rechter|domstol/;

/**
 * A filter names itself or the category it put the page in. Opt-in and company filters offer a
 * way past them too (log in to change the setting, verify your age), so with this evidence a
 * gate's wording does not clear the page.
 */
const FILTER_NAMED = /\b(?:(?:filtered|filtrée?|filtrad[oa]|filtrat[oa]|gefiltert|gefilterd|blocked|bloquée?|bloquead[oa]|gesperrt)\s+(?:by|par|por|pela|pelo|da|dal|dalla|von|durch|door)\s+(?:[^\s.!?]+\s+){0,3}\S*(?:gateway|passerelle|filter|filtre|filtro|proxy|firewall|pare-feu|pasarela|cortafuegos)|content filter\w*|web filter\w*|url filter\w*|filtering service|categori[sz]ed (?:as|under)|parental (?:control|tool)s?|safe\s?(?:web|surf\w*)(?: service)?|blocked for your viewing|(?:blocked|filtered|restricted) categor(?:y|ies)|content (?:control|lock))\b/;

/**
 * A corporate or school security gateway describing itself: "your organization has selected X to
 * protect you from internet threats". With wording that the page was not shown, a filter's page.
 */
const SECURITY_GATEWAY = /\byour\s+(?:organi[sz]ation|company|employer|school|university|network administrator|it department|administrator)\b[^.!?]{0,80}?\bprotects?\b[^.!?]{0,40}?\b(?:internet|online|web|security)\s+(?:threats?|risks?|dangers?|attacks?)/;
const NOT_SHOWN = /\b(?:we|you)\s+(?:couldnt|could not|cant|cannot|can not|were unable to|are unable to|are not allowed to)\s+(?:load|show|display|open|access|view)\b|\b(?:page|site|website|content|request)\b[^.!?]{0,30}\b(?:cannot|cant|could not|couldnt) be (?:displayed|shown|loaded|accessed)\b/;

/**
 * Sentences that suppose rather than state: a page that explains blocking ("When a site is
 * blocked you will see a page titled…", "if access is restricted, ask…") is not a block page.
 */
const HYPOTHETICAL = /(?:^|[.!?:]\s)(?:when|whenever|if|should)\s[^.!?]*|[^.!?]*\byou\s+will\s+see\b[^.!?]*/g;

/**
 * Wording in quotation marks is quoted, not stated: a story or a report that cites a notice
 * ("…显示“该网站已被屏蔽”的提示页面", «доступ ограничен», „Seite gesperrt“) is about one. A
 * notice states its own words (ASCII quotes are dropped by normalise.ts; these are the
 * typographic ones of the languages we cover, each pair up to 120 characters).
 */
const QUOTED = /“[^“”]{1,120}”|„[^„“”]{1,120}[“”]|«[^«»]{1,120}»|「[^「」]{1,120}」|『[^『』]{1,120}』|‘[^‘’]{1,120}’/g;

/**
 * An article's own furniture: a reading time ("5 min read", "阅读约12分钟", "Lesezeit"), a
 * by-line naming a reporter. A notice has neither; a story about blocking has both.
 */
const ARTICLE_MARKER = /\b\d+\s?(?:min|minute|minutes)\s+read\b|\bread(?:ing)?\s+time\b|lesezeit|temps de lecture|minutos de lectura|tempo di lettura|минут\w* чтени|время чтения|阅读约?\s?\d+\s?分钟|閱讀約?\s?\d+\s?分鐘|読了|\b(?:by|von|par|por|di)\s+(?:our\s+)?(?:staff\s+)?(?:reporter|correspondent|correspondant|corresponsal|korrespondent)\b|(?:^|\s)(?:记者|記者|通讯员|本报)\s?\S/;

/**
 * A page that speaks of "block pages" as a thing (a filter's help article, a news story, a
 * regulator's FAQ) is about blocking; a block page shows its notice and never calls itself that
 * in its text (none of the corpus's 65 does).
 */
const ABOUT_BLOCK_PAGES = /\b(?:block(?:ing)?\s?pages?|page de blocage|pages de blocage|sperrseiten?|blockierseiten?|páginas? de bloqueo|páginas? de bloqueio|pagin[ae] di blocco|stron[aęy] blokady|blokkeerpagina|engelleme sayfası)\b|блок-?страниц|страниц\w* блокировки/;

/**
 * Host names and URLs: the address a block page echoes back ("secure-login-verify.example") is
 * not wording, and must not read as a login wall's "login".
 */
const HOSTS = /\b(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?/g;

/**
 * Pages that talk about blocking in general (a VPN's landing page, a filter's marketing, a help
 * page on unblock requests, a forum thread) quote a notice as an example; they speak of
 * blocked sites in the plural, of censorship, of circumventing (not of unblocking: a school's
 * block page tells you how to ask for that). Two such mentions, and the page is
 * about blocking. (A block page speaks of this one site.)
 */
const ABOUT_BLOCKING = /\b(?:circumvent\w*|censorship|block(?:s|ing)?\s+(?:millions|a list|lists|sites|websites|web sites|pages|inappropriate|youtube|ads)|blocked\s+(?:sites|websites|web sites|pages|list)|(?:a|any)\s+blocked\s+(?:site|website|page)|example of|looks (?:roughly )?like this|what (?:your|the) \w+ (?:will )?sees?)\b/g;
const ABOUT_BLOCKING_MIN = 2;

/** A title that is only an HTTP status line ("403 Forbidden"): a server's error page, which gets the notice by its status. */
const STATUS_TITLE = /^(?:error\s+)?[45]\d\d\b[\s\-–:]*(?:[a-z]+\s?){0,4}$/;

/** Titles that alone say "blocked" (checked only on short pages). */
const TITLE_BLOCK = BLOCK_PHRASES;
const TITLE_WORDS = /\b(?:blocked|block page|blockpage|restricted|access denied|forbidden|censored|filtered|safeweb|netsafe|internet sehat|internet positif|internet baik|negatif konten)\b|(?:заблокирован|ограничен|блокировк|запрещ|محجوب|مسدود|engellendi|diblokir|屏蔽|封锁|차단|gesperrt|bloqué|bloquead|bloquejad|request denied|zugriff verweigert|accès refusé|acceso denegado|acesso negado|accesso negato|bloccat|geblokkeerd|zablokowan|blokkert|blokeret|blockerad|estetty|blocat|zablokovan|blokiran|zabranjen|заблоковано|забрањен|חסום|ब्लॉक|अवरुद्ध|bị chặn|ถูกบล็อก|ブロック|被阻止|禁止访问|禁止訪問)/;

/** Where a near-empty page sends the browser or what it shows instead of text. */
const FORWARD_SUSPECT = /(?:^|\/\/)(?:10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|\[[0-9a-f:]+\])|(?:block|blocked|zapret|rkn|blacklist|deny|denied|forbidden|restrict|prohibit|censor|filter|warning|sehat|positif|netsafe|cleanweb|safeweb|safe-?surf|lawfilter|stop)(?:[^a-z]|$)|[?&](?:accessurl|dpid|url)=/;

/** An operator's notice opens by addressing its subscriber ("Dear customer", "Уважаемый абонент"). */
const ADDRESSES_USER = /(?:уважаем(?:ый|ая|ые)\s+(?:абонент|пользовател|клиент|посетител)|\bdear\s+(?:customer|user|subscriber|visitor|client)s?\b|\bpelanggan\s+(?:yang\s+)?(?:terhormat|yth)|\bsayın\s+(?:kullanıcı|abone|müşteri)|عزيزي\s+(?:المستخدم|المشترك|العميل)|کاربر\s+(?:گرامی|محترم)|шановн(?:ий|і)\s+(?:абонент|користувач|клієнт)|паважан(?:ы|ыя)\s+(?:абанент|карыстальнік|кліент)|құрметті\s+(?:абонент|пайдаланушы)|hurmatli\s+(?:abonent|foydalanuvchi|mijoz)|hörmətli\s+(?:abunəçi|istifadəçi|müştəri))/;

/** The operator addressing its subscriber is not a paywall's "subscribers". */
const ADDRESSES_USER_ALL = new RegExp(ADDRESSES_USER.source, 'g');

/** A warning picture's file name or alt text (as whole name parts: not "blockchain.jpg"). */
const WARNING_IMAGE = /(?:^|[^a-z])(?:block(?:ed|ing|page)?|dns-?warning|warning|denied|forbidden|stop|restrict(?:ed)?|internet-?sehat|internetsehat|sehat|positif|terlarang|negatif|censored|prohibited|legal-?(?:text|notice|warning)|notice)(?:[^a-z]|$)/;

/** The answers a piece of text gives to evidence.ts's questions. */
function evidenceOf(stated: string, whyText: string, title: string, textLength: number, links: number): Evidence {
  return {
    denial: anyMatch(DENIAL, stated) || anyMatch(BLOCK_PHRASES, stated) || anyMatch(WEAK_PHRASES, stated) || (title.length > 0 && anyMatch(DENIAL, title)),
    request: REQUEST.test(stated),
    authority: anyMatch(AUTHORITY, whyText),
    agent: AGENT.test(whyText),
    reference: REFERENCE.test(whyText),
    echo: ECHO.test(whyText),
    shape: noticeShape(textLength, links),
  };
}

/** A heading that points at the page the user asked for: "this site", "the requested page". */
const DEICTIC = /\b(?:this|the requested|your)\b|\b(?:este|esta|cette|ce|dieser|diese|dieses|deze|dit|questo|questa|este|bu)\s|(?:этот|эта|это|данн|цей|ця|هذا|هذه|این|该|此|這|この)/;

/** Characters of text under a notice heading that say who and why. */
const REGION = 1200;

function noticeRegion(f: PageFacts): HeuristicResult | null {
  for (const h of f.headings) {
    // A question ("This site is blocked? Not anymore.") is a pitch, not a notice.
    if (h.length > 200 || h.includes('?') || !DEICTIC.test(h) || !(anyMatch(BLOCK_PHRASES, h) || anyMatch(DENIAL, h))) continue;
    const at = f.text.indexOf(h);
    if (at < 0) continue;
    const region = f.text.slice(at, at + REGION);
    if (ABOUT_BLOCK_PAGES.test(region) || ARTICLE_MARKER.test(region)) continue;
    if ((region.match(ABOUT_BLOCKING)?.length ?? 0) + (f.title.match(ABOUT_BLOCKING)?.length ?? 0) >= ABOUT_BLOCKING_MIN) continue;
    if (aboutBlockingGenre(region)) continue;
    const e = evidenceOf(region, region.replace(OWN_POLICY, ' '), '', REGION, 99);
    if ((e.authority || e.agent) && (e.reference || e.echo)) return { blocked: true, reason: 'notice region' };
  }
  return null;
}

export interface HeuristicResult {
  blocked: boolean;
  reason?: string;
}

const SHORT_TEXT = 3500;
const TINY_TEXT = 80;

function anyMatch(res: RegExp[], s: string): boolean {
  for (const re of res) if (re.test(s)) return true;
  return false;
}

export function heuristics(f: PageFacts): HeuristicResult {
  if (f.articleMeta) return { blocked: false };
  // A block notice at the top of an operator's portal page (the rest is the portal): the page
  // opens by addressing the subscriber, says access is blocked and on whose authority.
  if (!f.ogArticle && f.paragraphs <= 40) {
    const lead = f.text.slice(0, 600);
    const addressAt = lead.search(ADDRESSES_USER);
    if (addressAt >= 0 && addressAt < 200 && anyMatch(BLOCK_PHRASES, lead) && anyMatch(AUTHORITY, lead)) {
      return { blocked: true, reason: 'operator notice' };
    }
  }
  // A notice inside a portal's full chrome (menus, news tiles, asides before it): its heading
  // says this site is refused, and the text under the heading says who or why with a number or
  // an echoed field. Not on article pages (a headline names no "this site").
  if (!f.ogArticle && f.headings.length && f.paragraphs <= 40) {
    const region = noticeRegion(f);
    if (region) return region;
  }
  // Articles are not block pages; long pages are not either (a block page says one thing).
  if (f.truncated || f.textLength > SHORT_TEXT || f.paragraphs > 25) return { blocked: false };
  const text = f.text.length > 4000 ? f.text.slice(0, 4000) : f.text;
  const title = f.title;
  // A page about block pages, or about blocking, is not one.
  if (ABOUT_BLOCK_PAGES.test(text)) return { blocked: false };
  if ((text.match(ABOUT_BLOCKING)?.length ?? 0) + (title.match(ABOUT_BLOCKING)?.length ?? 0) >= ABOUT_BLOCKING_MIN) return { blocked: false };
  // A judgment, a ticket, a news brief or a list of sites that speaks of blocking (genre.ts).
  if (aboutBlockingGenre(text)) return { blocked: false };
  // Gate wording in the page's own sentences, not in its links and navigation (a portal's
  // "Login" link) nor in the address it echoes back.
  const gateText = unlinkedText(f).replace(HOSTS, ' ').replace(ADDRESSES_USER_ALL, ' ').replace(NO_CREDENTIALS, ' ');
  const gate = f.passwordField || OTHER_GATE.test(gateText) || OTHER_GATE.test(title) || ((LICENSING_GATE.test(text) || LICENSING_GATE.test(title)) && !COURT_ORDER.test(text));
  if (gate && !FILTER_NAMED.test(text)) return { blocked: false };
  if (SECURITY_GATEWAY.test(text) && NOT_SHOWN.test(text)) return { blocked: true, reason: 'security gateway' };
  const ownPolicyFree = text.replace(OWN_POLICY, ' ');

  if (ARTICLE_MARKER.test(text)) return { blocked: false };
  const titleSays = title.length > 0 && title.length < 200 && !STATUS_TITLE.test(title) && (anyMatch(TITLE_BLOCK, title) || TITLE_WORDS.test(title));
  // What the page states, not what it supposes ("when a site is blocked you will see…").
  const stated = text.replace(HYPOTHETICAL, ' ').replace(QUOTED, ' ');
  const textSays = anyMatch(BLOCK_PHRASES, stated);
  if (titleSays || textSays || anyMatch(WEAK_PHRASES, stated)) {
    const why = anyMatch(AUTHORITY, ownPolicyFree) || anyMatch(AUTHORITY, title);
    if (why) return { blocked: true, reason: 'wording+authority' };
    if (titleSays && textSays) return { blocked: true, reason: 'wording in title and text' };
    if (textSays && f.textLength < 600 && (titleSays || f.links <= 3)) return { blocked: true, reason: 'short page wording' };
    // A short page that says every site is sent to it names itself the interceptor.
    if (INTERCEPTS.test(stated) && noticeShape(f.textLength, f.links)) return { blocked: true, reason: 'intercepts every site' };
  }
  // No phrase rule decided: weigh the independent evidence (evidence.ts).
  if (isNotice(evidenceOf(stated, ownPolicyFree, title, f.textLength, f.links))) return { blocked: true, reason: 'evidence' };

  // Near-empty pages: a frame, refresh or script that forwards to a block host, nothing but
  // a warning picture under a block title, or a notice the page's script writes.
  if (f.textLength <= TINY_TEXT) {
    const written = scriptProse(f.scripts);
    // The title the script sets is the page's title as the user sees it.
    const writtenTitle = scriptTitle(f.scripts);
    const scriptTitleSays = writtenTitle.length > 0 && (anyMatch(TITLE_BLOCK, writtenTitle) || TITLE_WORDS.test(writtenTitle));
    if (written && !OTHER_GATE.test(written) && !aboutBlockingGenre(written)) {
      const says = anyMatch(BLOCK_PHRASES, written);
      // A page that shows nothing but what its script writes, and writes that a filter, shield or
      // network blocked it, is that filter's notice.
      if (says && (anyMatch(AUTHORITY, written.replace(OWN_POLICY, ' ')) || titleSays || scriptTitleSays || AGENT.test(written))) return { blocked: true, reason: 'script-written notice' };
      if (isNotice(evidenceOf(written, written.replace(OWN_POLICY, ' '), writtenTitle, written.length, 0))) return { blocked: true, reason: 'script-written evidence' };
    }
    // The notice in an iframe's srcdoc or in noscript, on a page that shows nothing else.
    const hidden = f.hidden.length ? hiddenText(f) : '';
    if (hidden && !OTHER_GATE.test(hidden) && !aboutBlockingGenre(hidden)) {
      const hiddenStated = hidden.replace(HYPOTHETICAL, ' ').replace(QUOTED, ' ');
      const hiddenWhy = hidden.replace(OWN_POLICY, ' ');
      if (anyMatch(BLOCK_PHRASES, hiddenStated) && (anyMatch(AUTHORITY, hiddenWhy) || titleSays)) return { blocked: true, reason: 'frame or noscript notice' };
      if (isNotice(evidenceOf(hiddenStated, hiddenWhy, title, hidden.length, 0))) return { blocked: true, reason: 'frame or noscript evidence' };
    }
    for (const fw of f.forwards) if (FORWARD_SUSPECT.test(fw)) return { blocked: true, reason: 'forward' };
    if (titleSays) return { blocked: true, reason: 'title on empty page' };
    if (f.images.length <= 5 && f.elements <= 60) {
      for (const img of f.images) if (WARNING_IMAGE.test(img)) return { blocked: true, reason: 'warning image' };
      // A picture of the notice: its alt text is the page's text, and says what the picture does.
      for (const img of f.images) if (anyMatch(BLOCK_PHRASES, img)) return { blocked: true, reason: 'notice picture' };
    }
  }
  return { blocked: false };
}

