/**
 * Pages that ARE content about blocking: a court judgment ordering blocks, a help-desk ticket
 * that quotes a firewall's notice, a news brief on filtering, a list of blocked sites. They use
 * a notice's words (and often quote one whole), so wording cannot tell them apart; their genre
 * can, by the furniture every page of that genre has and no notice has. Each test asks for two
 * independent marks, in the languages we cover, so that one stray word does not clear a notice.
 *
 * Text arrives normalised (normalise.ts).
 */

/** Both sides of a case: "the plaintiff … the defendant", "истец … ответчик". */
const CLAIMANT = /\b(?:plaintiffs?|claimants?|applicants?|petitioners?|appellants?|demandantes?|recurrentes?|requérante?s?|demandeurs?|kläger\w*|antragsteller\w*|ricorrent[ei]|attore|eisers?|davacı|penggugat|pemohon)\b|истц\w*|истец|заявител\w*|خواهان|المدعي\b|原告|申请人/;
const RESPONDENT = /\b(?:defendants?|respondents?|demandad[oa]s?|défendeur\w*|défenderesse|beklagte\w*|antragsgegner\w*|resistent[ei]|convenut[oi]|gedaagden?|davalı|tergugat|termohon)\b|ответчик\w*|خوانده|المدعى\s+عليه|被告|被申请人/;

/** A ticket's fields ("Priority", "Assignee", "Requester", "SLA"), with or without a colon (a side panel's dt/dd). */
const TICKET_FIELD = /\b(?:priority|prioridad|priorité|priorität|priorità|öncelik|assignee|assigned to|asignado a|assigné à|zugewiesen an|requester|reported by|opened by|solicitante|sla)\b|приоритет|ответственный|исполнитель/g;

/**
 * A conversation: three or more dated, timed posts ("24 Nov 2026 09:12"), as a ticket, a
 * forum thread or comments have. A notice is stamped once.
 */
const POST_STAMP = /\b\d{1,2}\s+[a-zа-яё]{3,9}\.?\s+\d{4},?\s+\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}[ t]\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}\b/g;
const THREAD_POSTS = 3;
const TICKET_WORD = /\b(?:ticket|incident|service request|helpdesk|help desk|support case|tique|chamado|solicitud|заявка|тикет|talep)\b/;

/**
 * A reporter's voice: someone said, told, announced (a notice states; it does not report what
 * someone said). Not "according to" (a notice acts "according to" a law).
 */
const REPORTED_SPEECH = /\b(?:said|told (?:reporters|journalists|the)|announced|spokes(?:man|woman|person)|dijo|afirmó|declaró|anunció|a déclaré|a annoncé|sagte|erklärte|teilte mit|ha dichiarato|ha annunciato|disse|afirmou|anunciou|dedi|açıkladı|mengatakan|menyatakan)\b|заявил\w*|сообщил\w*|по словам|(?:^|\s)(?:گفت|گفته|قال|قالت|صرح|صرّح)(?=\s|$)|اعلام\s?کرد|به\s?گزارش|خبرگزاری|أعلن|وكالة\s+الأنباء|宣布|据\S{0,8}报道|新华社/g;

/** Host names in the text (a list of sites), not in links. */
const HOST = /\b(?:[a-z0-9-]+\.)+(?:com|net|org|info|tv|io|me|ru|ir|tr|cn|uk|de|fr|es|it|nl|pl|ua|kz|by|in|id|pk|br|ar|mx|co|eu|gov|edu|[a-z]{2})\b/g;
const LIST_HOSTS = 6;

/** The genre of a page about blocking, or null for a page that may be a notice. */
export function aboutBlockingGenre(text: string): string | null {
  if (CLAIMANT.test(text) && RESPONDENT.test(text)) return 'judgment';
  if (TICKET_WORD.test(text) && new Set(text.match(TICKET_FIELD) ?? []).size >= 2) return 'ticket';
  if ((text.match(POST_STAMP)?.length ?? 0) >= THREAD_POSTS) return 'thread';
  const speech = text.match(REPORTED_SPEECH);
  if (speech && new Set(speech).size >= 2) return 'news';
  const hosts = text.match(HOST);
  if (hosts && new Set(hosts).size >= LIST_HOSTS) return 'list';
  return null;
}
