/** Small line icons drawn inline (decorative: the buttons carry text labels). */
const paths = {
  back: 'M15 18l-6-6 6-6',
  save: 'M12 3v12m0 0l-4.5-4.5M12 15l4.5-4.5M4 17v3h16v-3',
  check: 'M5 12.5l4.5 4.5L19 7',
  listen: 'M4 10v4h4l5 4V6L8 10H4zm12.5-1.5a5 5 0 010 7',
  pause: 'M8 5v14M16 5v14',
  play: 'M7 4.5v15l12-7.5z',
  stop: 'M6 6h12v12H6z',
  type: 'M4 19l5-14h1l5 14M6 14h7m4 5v-7m0 0a2.5 2.5 0 115 0v7m-5-3.5h5',
  help: 'M9.2 9a2.9 2.9 0 015.6 1c0 2-2.8 2.5-2.8 4.2M12 17.5v.5M12 22a10 10 0 100-20 10 10 0 000 20z',
  archive: 'M4 7h16M5 7v12h14V7M9 11h6M3 4h18v3H3z',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg class={`icon icon-${name}`} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
