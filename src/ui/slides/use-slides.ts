/**
 * Presentation mode's page logic (issue 15 point 4): the slides of the working scenario, making one from the current
 * view, applying one (state, scenario edits, framing) and waiting until the map has drawn it, presenting, and the
 * exports (a zip of PNGs, one PDF through print). Part of App (src/ui/App.tsx); the model is src/state/slides.ts.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import { zipSync } from 'fflate';
import type { Scenario } from '../../io/scenario';
import type { MapView } from '../../map/map-view';
import { paramsKey, type AppState } from '../../state/app-state';
import { makeSlide, moveSlide, recaption, removeSlide, slideFileName, slideState, type Slide } from '../../state/slides';
import { downloadBlob } from '../download';
import { exportFileName } from '../data/import-apply';
import type { Boot } from '../use-boot';
import type { SlideBounds } from './slide-image';

export interface SlidesDeps {
  mapRef: MutableRefObject<MapView | null>;
  bootRef: MutableRefObject<Boot>;
  stateRef: MutableRefObject<AppState>;
  setState: Dispatch<SetStateAction<AppState>>;
  scenario: Scenario;
  setScenario: Dispatch<SetStateAction<Scenario>>;
  /** How many results the map has drawn (use-coverage-run.ts): a slide with other parameters waits for the next. */
  computeCount: MutableRefObject<number>;
  /**
   * The map image of what is drawn now, framing `bounds`, titled by `caption` (null: the map's own title); null
   * before the data (src/ui/slides/slide-image.ts).
   */
  renderImage: MutableRefObject<(bounds: SlideBounds, caption: string | null) => Promise<Blob | null>>;
}

/** Progress of an export: slide n of total. */
export interface SlidesBusy {
  n: number;
  total: number;
}

/** One printed page: a slide's image (an object URL) and its caption. */
export interface PrintPage {
  url: string;
  caption: string;
}

const HTML_CLASS = 'hc-presenting';
/** Longest wait for a slide's result and map (software WebGL on 2 cores can take tens of seconds). */
const SLIDE_TIMEOUT_MS = 120_000;

let ids = 0;
const newSlideId = () => `slide-${Date.now().toString(36)}-${++ids}`;
const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) return false;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return true;
}

export function useSlides(d: SlidesDeps) {
  const { mapRef, bootRef, stateRef, setState, scenario, setScenario, computeCount, renderImage } = d;
  const slides = scenario.slides ?? [];
  const scenarioRef = useRef(scenario);
  scenarioRef.current = scenario;
  const [present, setPresent] = useState<{ index: number } | null>(null);
  const [busy, setBusy] = useState<SlidesBusy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printPages, setPrintPages] = useState<PrintPage[] | null>(null);
  // One slide applied at a time; what was on screen before presenting or exporting, to come back to.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const before = useRef<Slide | null>(null);

  const setSlides = useCallback((f: (list: Slide[]) => Slide[]) => setScenario((s) => ({ ...s, slides: f(s.slides ?? []) })), [setScenario]);

  /** The page as it is now, as a slide (null before the map and data). */
  const capture = useCallback(
    (caption: string, id = newSlideId()): Slide | null => {
      const mv = mapRef.current;
      const b = bootRef.current;
      if (!mv || b.type !== 'ready') return null;
      const s = stateRef.current;
      const bb = mv.getBounds();
      return makeSlide({
        id,
        caption,
        state: s,
        view: { ...mv.getView(), bearing: mv.map.getBearing() },
        bounds: [bb.west, bb.south, bb.east, bb.north],
        hromada: s.selection.type === 'hromada' ? (b.data.hromadas.codes[s.selection.index] ?? null) : null,
        edits: scenarioRef.current.facilityEdits,
      });
    },
    [mapRef, bootRef, stateRef],
  );

  /** Frames a slide's area in the map as it is sized now. */
  const frameSlide = useCallback(
    (slide: Slide) => {
      const mv = mapRef.current;
      if (!mv) return;
      mv.resize();
      const [w, s, e, n] = slide.bounds;
      mv.map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 0, bearing: slide.view.bearing, animate: false },
      );
    },
    [mapRef],
  );

  /** Applies a slide and resolves once its result is computed and the map has drawn it. */
  const applyNow = useCallback(
    async (slide: Slide): Promise<void> => {
      const target = slideState(slide);
      const cur = stateRef.current;
      const editsChange = JSON.stringify(slide.edits) !== JSON.stringify(scenarioRef.current.facilityEdits);
      const recompute = editsChange || paramsKey(target.params) !== paramsKey(cur.params);
      const count = computeCount.current;
      const b = bootRef.current;
      const index = slide.hromada && b.type === 'ready' ? b.data.hromadas.codes.indexOf(slide.hromada) : -1;
      setState((s) => ({ ...s, ...target, selection: index >= 0 ? { type: 'hromada', index } : s.panel.type === 'community' ? s.selection : { type: 'none' } }));
      if (editsChange) setScenario((s) => ({ ...s, facilityEdits: structuredClone(slide.edits) }));
      frameSlide(slide);
      const key = paramsKey(target.params);
      await until(() => stateRef.current.service === target.service && paramsKey(stateRef.current.params) === key, 5000);
      await frame();
      await frame();
      // Again once the page's effects have run: a changed area of view frames its own box (use-area-view.ts).
      frameSlide(slide);
      if (recompute) await until(() => computeCount.current > count, SLIDE_TIMEOUT_MS);
      await frame();
      await frame();
      await mapRef.current?.whenIdle();
    },
    [bootRef, computeCount, frameSlide, mapRef, setScenario, setState, stateRef],
  );

  /** Queued, so two slides are never applied at once. */
  const apply = useCallback(
    (slide: Slide): Promise<void> => {
      const run = chain.current.then(() => applyNow(slide));
      chain.current = run.catch(() => undefined);
      return run;
    },
    [applyNow],
  );

  const add = useCallback(
    (caption: string) => {
      const s = capture(caption);
      if (s) setSlides((list) => [...list, s]);
    },
    [capture, setSlides],
  );
  const rename = useCallback((id: string, caption: string) => setSlides((list) => recaption(list, id, caption)), [setSlides]);
  const move = useCallback((index: number, delta: number) => setSlides((list) => moveSlide(list, index, delta)), [setSlides]);
  const remove = useCallback((id: string) => setSlides((list) => removeSlide(list, id)), [setSlides]);
  // "Go to" replaces the page's parameters and station edits with the slide's: the view from before the first one
  // is kept, so it can be brought back (nothing planned is lost to a click).
  const [goneFrom, setGoneFrom] = useState<Slide | null>(null);
  const goTo = useCallback(
    (index: number) => {
      const s = scenarioRef.current.slides?.[index];
      if (!s) return;
      setGoneFrom((prev) => prev ?? capture('', 'restore'));
      void apply(s);
    },
    [apply, capture],
  );
  const goBack = useCallback(() => {
    if (goneFrom) void apply(goneFrom);
    setGoneFrom(null);
  }, [apply, goneFrom]);

  // Presenting: the slide at `present.index` is applied; the html data say which one is drawn (for tests).
  const presentIndex = present?.index ?? -1;
  useEffect(() => {
    const html = document.documentElement;
    const list = scenarioRef.current.slides ?? [];
    const slide = list[presentIndex];
    if (!slide) return;
    delete html.dataset.slideReady;
    let live = true;
    void apply(slide).then(() => {
      if (!live) return;
      html.dataset.slideReady = `${presentIndex + 1}/${list.length}`;
    });
    return () => {
      live = false;
    };
  }, [presentIndex, apply]);

  const start = useCallback(
    (index = 0) => {
      if ((scenarioRef.current.slides ?? []).length === 0) return;
      before.current = capture('', 'restore');
      document.documentElement.classList.add(HTML_CLASS);
      setPresent({ index });
      // Full screen where the browser allows it; otherwise the map fills the window (the class above).
      document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
    [capture],
  );

  const stop = useCallback(() => {
    document.documentElement.classList.remove(HTML_CLASS);
    delete document.documentElement.dataset.slideReady;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    setPresent(null);
    const back = before.current;
    before.current = null;
    mapRef.current?.resize();
    if (back) void apply(back);
  }, [apply, mapRef]);

  const step = useCallback((index: number) => setPresent((p) => (p ? { index } : p)), []);

  // Leaving full screen (the browser's own Escape) leaves the presentation; a resized window reframes the slide.
  useEffect(() => {
    if (!present) return;
    const onFs = () => {
      if (!document.fullscreenElement) stop();
    };
    const onResize = () => {
      const s = scenarioRef.current.slides?.[presentIndex];
      if (s) frameSlide(s);
    };
    document.addEventListener('fullscreenchange', onFs);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('fullscreenchange', onFs);
      window.removeEventListener('resize', onResize);
    };
  }, [present, presentIndex, stop, frameSlide]);

  /**
   * Every slide applied in turn and drawn as an image (`captioned`: the caption is the image's title); the view from
   * before comes back after.
   */
  const renderAll = useCallback(async (captioned: boolean): Promise<{ name: string; caption: string; png: Blob }[]> => {
    const list = scenarioRef.current.slides ?? [];
    const back = capture('', 'restore');
    const out: { name: string; caption: string; png: Blob }[] = [];
    try {
      for (const [i, s] of list.entries()) {
        setBusy({ n: i + 1, total: list.length });
        await apply(s);
        const [w, so, e, n] = s.bounds;
        const png = await renderImage.current(
          [
            [w, so],
            [e, n],
          ],
          captioned ? s.caption : null,
        );
        if (!png) throw new Error('the map is not ready');
        out.push({ name: slideFileName(i, s.caption), caption: s.caption, png });
      }
    } finally {
      setBusy(null);
      if (back) await apply(back);
    }
    return out;
  }, [apply, capture, renderImage]);

  const exportZip = useCallback(async () => {
    setError(null);
    try {
      const images = await renderAll(true);
      const files: Record<string, Uint8Array> = {};
      for (const im of images) files[im.name] = new Uint8Array(await im.png.arrayBuffer());
      // PNG is compressed already: stored, not deflated again.
      const zip = zipSync(files, { level: 0 });
      downloadBlob(new Blob([zip], { type: 'application/zip' }), exportFileName('slides', 'zip'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [renderAll]);

  const printPdf = useCallback(async () => {
    setError(null);
    try {
      // The caption is printed as text under the image (searchable in the PDF), not drawn into it.
      const images = await renderAll(false);
      setPrintPages(images.map((im) => ({ url: URL.createObjectURL(im.png), caption: im.caption })));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [renderAll]);

  const donePrinting = useCallback(() => {
    setPrintPages((pages) => {
      for (const p of pages ?? []) URL.revokeObjectURL(p.url);
      return null;
    });
  }, []);

  const dismissNotes = useCallback(() => setScenario((s) => ({ ...s, slideNotes: [] })), [setScenario]);

  return {
    slides,
    notes: scenario.slideNotes ?? [],
    dismissNotes,
    add,
    rename,
    move,
    remove,
    goTo,
    /** The view before the first "Go to" can be brought back. */
    canGoBack: goneFrom !== null,
    goBack,
    present,
    start,
    stop,
    step,
    busy,
    error,
    exportZip,
    printPdf,
    printPages,
    donePrinting,
  };
}

export type SlidesApi = ReturnType<typeof useSlides>;
