// The reader's "reduce motion" setting (WCAG 2.3.3): antd's transitions and the charts' entry
// animations are switched off for it. Read once at start; the setting rarely changes mid-session.
export const reducedMotion: boolean = typeof window !== 'undefined' && typeof window.matchMedia === 'function'
  && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
