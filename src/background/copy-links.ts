/**
 * The offer's links, built with the shared helpers (src/shared/archives.ts, mirrors.ts) from the
 * user's settings: each archive's plain link, the Wayback availability answer as the offer
 * needs it, and the mirrors of a page (the same path on the mirror host, onions last).
 */
import { archiveTodayUrl, ghostarchiveUrl, megalodonUrl, parseWaybackAvailability as parseAvailability, waybackUrl } from '../shared/archives.js';
import { findMirrors, mergeMirrorLists, mirrorPageUrl, parseMirrorList as parseList, userMirror, type MirrorSite } from '../shared/mirrors.js';
import type { ArchiveId, CopySettings, CustomMirror } from '../shared/copy-settings.js';
import type { ArchiveLink, MirrorLink } from '../shared/copy-offer.js';

export const ARCHIVE_NAMES: Record<ArchiveId, string> = {
  wayback: 'Wayback Machine',
  'archive-today': 'archive.today',
  ghostarchive: 'Ghostarchive',
  megalodon: 'Megalodon',
};

/** The plain link of one archive for a URL (the original URL appended as is where the archive allows). */
export function archiveHref(id: ArchiveId, url: string, settings: Pick<CopySettings, 'endpoints' | 'archiveTodayHost'>): string {
  switch (id) {
    case 'wayback':
      return waybackUrl(url, { base: settings.endpoints.wayback });
    case 'archive-today':
      return archiveTodayUrl(url, settings.archiveTodayHost);
    case 'ghostarchive':
      return ghostarchiveUrl(url, settings.endpoints.ghostarchive);
    case 'megalodon':
      return megalodonUrl(url, settings.endpoints.megalodon);
  }
}

export function archiveLink(id: ArchiveId, url: string, settings: Pick<CopySettings, 'endpoints' | 'archiveTodayHost'>): ArchiveLink {
  return { id, name: ARCHIVE_NAMES[id], href: archiveHref(id, url, settings), state: 'plain' };
}

/**
 * The Wayback availability answer as the offer uses it: the closest 2xx capture, null when there
 * is none, 'malformed' when the answer is not the expected JSON (shown as a message).
 */
export function parseWaybackAvailability(text: string): { timestamp: string; date: string; url: string } | null | 'malformed' {
  const parsed = parseAvailability(text);
  if (!parsed.ok) return 'malformed';
  const capture = parsed.capture;
  if (!capture) return null;
  return { timestamp: capture.timestamp, date: capture.date ?? '', url: capture.url };
}

/** Mirror sites of a list, as cached. */
export type MirrorSites = MirrorSite[];

/** Parses a bypass-mirrors list; null when it is not one (malformed JSON, wrong shape). */
export function parseMirrorList(text: string): MirrorSites | null {
  const parsed = parseList(text);
  return parsed.ok ? parsed.list.sites : null;
}

/** The mirrors for a page: the user's own first, then the list's; onion mirrors last. */
export function mirrorLinksFor(pageUrl: string, sites: MirrorSites, custom: CustomMirror[]): MirrorLink[] {
  const user = custom.map((m) => userMirror(m.mainDomain, m.url)).filter((m): m is NonNullable<typeof m> => m !== null);
  const merged = mergeMirrorLists([{ version: null, sites, skipped: 0 }], user);
  const links: MirrorLink[] = [];
  for (const mirror of findMirrors(pageUrl, merged)) {
    const href = mirrorPageUrl(pageUrl, mirror);
    if (!href || links.some((l) => l.href === href)) continue;
    links.push({ href, host: new URL(href).host, onion: mirror.needsTor, type: mirror.userAdded ? 'custom' : mirror.type });
  }
  return [...links.filter((l) => !l.onion), ...links.filter((l) => l.onion)];
}
