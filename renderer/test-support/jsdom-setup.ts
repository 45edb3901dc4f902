/**
 * What jsdom lacks and the UI libraries touch: layout sizes (the virtualised list measures its scroll
 * box), ResizeObserver, matchMedia, scrollIntoView (cmdk), and Range geometry (CodeMirror). Import first in a jsdom test file.
 */
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const g = globalThis as Record<string, unknown>;
if (!g.ResizeObserver) g.ResizeObserver = NoopResizeObserver;

if (typeof window !== 'undefined') {
  // jsdom does no layout, so nothing scrolls; cmdk keeps the selected item in view with this.
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = function scrollIntoView() {};
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener() {},
        removeEventListener() {},
        addListener() {},
        removeListener() {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  // A 600×800 box for everything: enough for the virtualiser to render a screenful of rows.
  for (const [prop, size] of [
    ['offsetHeight', 600],
    ['clientHeight', 600],
    ['offsetWidth', 800],
    ['clientWidth', 800],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
  }
  // jsdom lays nothing out: offsetParent is always null and every rectangle is empty, which is how a browser
  // marks an element that is not displayed. tabster (Fluent's focus manager) reads both to find focusable
  // elements (the body's rectangle, each element's offsetParent): with jsdom's values it finds none, so a
  // dialog focuses its own surface instead of its first button as in a browser, and tabster's modal
  // bookkeeping then goes its own way (a dialog opened a second time stayed aria-hidden). Here, a connected
  // element outside any [hidden] subtree is displayed, and the body has the same 800×600 box as above.
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.isConnected && !this.closest('[hidden]') ? this.parentElement : null;
    },
  });
  const bodyBox = { x: 0, y: 0, width: 800, height: 600, top: 0, left: 0, right: 800, bottom: 600 };
  document.body.getBoundingClientRect = () => ({ ...bodyBox, toJSON: () => bodyBox }) as DOMRect;
  const emptyRects = () =>
    ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  const zeroRect = () =>
    ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON() {} }) as DOMRect;
  Range.prototype.getClientRects = emptyRects;
  Range.prototype.getBoundingClientRect = zeroRect;
  if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = function scrollTo() {};
  if (!document.elementFromPoint) document.elementFromPoint = () => null;
  // Paths the charts build (uPlot) and never draw here.
  if (!g.Path2D) {
    g.Path2D = class Path2D {
      addPath() {}
      moveTo() {}
      lineTo() {}
      rect() {}
      arc() {}
      closePath() {}
      bezierCurveTo() {}
      quadraticCurveTo() {}
    };
  }
  // A 2D context that draws nothing (jsdom has no canvas): the charts (uPlot) run their real code on it.
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
    const state: Record<string | symbol, unknown> = { canvas: this };
    return new Proxy(state, {
      get(target, key) {
        if (key in target) return target[key];
        if (key === 'measureText') return (text: string) => ({ width: String(text).length * 6 });
        if (key === 'getLineDash') return () => [];
        if (key.toString().startsWith('create')) return () => ({ addColorStop() {} });
        return () => undefined;
      },
      set(target, key, value) {
        target[key] = value;
        return true;
      },
    });
  } as unknown as HTMLCanvasElement['getContext'];
}
