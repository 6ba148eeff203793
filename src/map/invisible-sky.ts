/**
 * MapLibre (6.x) draws the style's sky at the start of every frame: a quad over the whole canvas whose fragment
 * shader works out the horizon (and, on the globe, the atmosphere) per pixel. A style without a sky, like ours, gets
 * a transparent one, which is drawn all the same: above the horizon its colour is a mix of two transparent colours,
 * blended onto the cleared canvas (no change); below it the shader writes nothing defined; its depth is the far plane
 * the depth buffer was cleared to. In this map the opaque water background is drawn over the whole canvas after it
 * in any case.
 *
 * Without a GPU (software WebGL) that quad cost 20–25 ms of every frame of the 990×752 map, a third of a norm change's
 * frame (issue 15, point 7; scripts/bench/browser.ts). skipInvisibleSky gives this map's painter draw functions whose
 * sky step does nothing while the sky is invisible, and draws it as before once a style sets a visible one.
 */
import type { Map as MlMap } from 'maplibre-gl';

type DrawFunctions = MlMap['painter']['drawFunctions'];
type DrawSky = DrawFunctions['sky'];
/** The sky as MapLibre evaluated it for a frame (undefined until the style has loaded). */
export type EvaluatedSky = Parameters<DrawSky>[1]['data']['sky'];

/** The sky step skipInvisibleSky puts in; `maplibreSky` is MapLibre's own (the browser test draws with both). */
export type SkySkipper = DrawSky & { maplibreSky: DrawSky };

/**
 * Whether this sky adds no colour: where the sky shader colours a pixel (above the horizon) it is a mix of `sky-color`
 * and `horizon-color` (times an opacity of at most 1 on the globe), so both transparent means a transparent quad.
 */
export function skyIsInvisible(sky: EvaluatedSky): boolean {
  return !sky || (sky['sky-color'].a === 0 && sky['horizon-color'].a === 0);
}

/**
 * Makes `map` skip drawing an invisible sky, now and whenever MapLibre fires `webglcontextrestored` (after a lost
 * context it makes a new painter; after its workers restart it keeps the painter, whose step is then left as it is).
 * Only this map's painter changes: MapLibre's table of draw functions is shared by all maps, so it is copied, not
 * edited. Returns false, and changes nothing, if this MapLibre has no such step; the sky is then drawn as MapLibre
 * does it (a browser test checks that this build has it).
 */
export function skipInvisibleSky(map: MlMap): boolean {
  const apply = (): boolean => {
    const painter = (map as Partial<Pick<MlMap, 'painter'>>).painter;
    const current = painter?.drawFunctions?.sky;
    if (!painter || typeof current !== 'function') return false;
    // the painter's step may be ours already: wrap MapLibre's own, never a skipper
    const draw = (current as Partial<SkySkipper>).maplibreSky ?? current;
    const sky: SkySkipper = Object.assign<DrawSky, Pick<SkySkipper, 'maplibreSky'>>(
      (mesh, frame) => {
        if (!skyIsInvisible(frame.data.sky)) draw(mesh, frame);
      },
      { maplibreSky: draw },
    );
    painter.drawFunctions = { ...painter.drawFunctions, sky };
    return true;
  };
  map.on('webglcontextrestored', apply);
  return apply();
}
