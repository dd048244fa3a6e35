import { type RefObject, useEffect, useState } from 'react';

/** Room the result may take: its column's width, the viewport's height, and the screen's devicePixelRatio. */
export interface FitSpace {
  width: number;
  height: number;
  dpr: number;
}

/** Kept free below the image so the whole of it fits on screen with a little air. */
const VIEWPORT_MARGIN_PX = 24;

const same = (a: FitSpace | null, b: FitSpace) =>
  a !== null && a.width === b.width && a.height === b.height && a.dpr === b.dpr;

/**
 * Measures the element's width (ResizeObserver: the window, the layout or
 * the side panel changing it), the viewport's height (window resize) and the
 * devicePixelRatio. The ratio changes with browser zoom and when the window
 * moves to another screen; a `resolution` media query for the current ratio
 * stops matching then, and is re-armed for the new one.
 */
export function useFitSpace(ref: RefObject<HTMLElement | null>): FitSpace | null {
  const [space, setSpace] = useState<FitSpace | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const next = {
        width: el.getBoundingClientRect().width,
        height: Math.max(0, window.innerHeight - VIEWPORT_MARGIN_PX),
        dpr: window.devicePixelRatio || 1,
      };
      setSpace((prev) => (same(prev, next) ? prev : next));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener('resize', measure);
    let query: MediaQueryList | null = null;
    const onRatioChange = () => {
      measure();
      watchRatio();
    };
    const watchRatio = () => {
      query?.removeEventListener('change', onRatioChange);
      query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      query.addEventListener('change', onRatioChange);
    };
    watchRatio();
    measure();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      query?.removeEventListener('change', onRatioChange);
    };
  }, [ref]);
  return space;
}
