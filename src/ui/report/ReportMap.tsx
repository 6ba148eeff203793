/**
 * The report's map as SVG (crisp in print, no WebGL): the hromada's polygon over its neighbours' outlines, its located
 * settlements coloured by the fire norm with names placed without overlap, the first-due units of both services
 * (across borders too) and the optimizer's proposed sites. Geometry from src/ui/report/map-layout.ts.
 */
import { useMemo } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Facility } from '../../engine/types';
import { fmtInt } from '../../i18n';
import { placeName } from '../../i18n/place-name';
import { FacilitySymbol } from '../FacilitySymbol';
import { useI18n } from '../i18n-context';
import { facilityBasis } from '../CommunityPanel';
import { boxOf, boxesOverlap, fitProjection, placeLabels, ringsPath, type LonLatBox } from './map-layout';
import type { ReportData } from './report-data';

export const MAP_W = 760;
export const MAP_H = 470;
const FONT = 10;
/** Units reaching at least this share of the hromada's people first are inside the frame. */
const FRAME_SHARE = 0.02;
/** Inset of units drawn at the frame's edge, px. */
const EDGE = 9;
/** Arrows by compass direction (clockwise from north), for units beyond the frame. */
const ARROWS = ['↑', '↗', '→', '↘', '↓', '↙', '←', '↖'] as const;

export interface MapArea {
  geometry: Polygon | MultiPolygon;
  box: LonLatBox;
}

/** A proposed site drawn on the map with its rank. */
export interface MapSite {
  rank: number;
  lon: number;
  lat: number;
}

function rings(g: Polygon | MultiPolygon): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

export function ReportMap({
  data,
  area,
  neighbours,
  sites,
}: {
  data: ReportData;
  area: MapArea;
  neighbours: readonly MapArea[];
  sites: readonly MapSite[];
}) {
  const { t, lang } = useI18n();
  const drawn = useMemo(() => {
    const units: { f: Facility; service: 'fire' | 'police'; share: number }[] = [];
    const seen = new Set<string>();
    for (const service of ['fire', 'police'] as const) {
      const b = data.figures[service].basis;
      for (const e of b.firstDue) {
        if (seen.has(e.facility.id)) continue;
        seen.add(e.facility.id);
        units.push({ f: e.facility, service, share: b.population > 0 ? e.people / b.population : 0 });
      }
    }
    // The frame: the hromada, its proposed sites and the units that reach at least 2 % of its people first; units
    // reaching fewer stand at the frame's edge with an arrow and their distance beyond it.
    const pts: [number, number][] = [
      [area.box[0], area.box[1]],
      [area.box[2], area.box[3]],
      ...units.filter((u) => u.share >= FRAME_SHARE).map((u): [number, number] => [u.f.lon, u.f.lat]),
      ...sites.map((s): [number, number] => [s.lon, s.lat]),
    ];
    const box = boxOf(pts, 0.04)!;
    const project = fitProjection(box, MAP_W, MAP_H, 8);
    const others = neighbours.filter((n) => boxesOverlap(n.box, box)).map((n) => ringsPath(rings(n.geometry), project));
    const own = ringsPath(rings(area.geometry), project);
    const dots = data.rows
      .filter((r) => Number.isFinite(r.lon) && Number.isFinite(r.lat))
      .map((r) => {
        const [x, y] = project(r.lon, r.lat);
        return {
          x,
          y,
          r: r.city ? 4.5 : 2.8,
          beyond: r.lines.fire.beyondPeople > 0,
          name: placeName(r.name, lang),
          population: r.population,
          key: r.key,
        };
      });
    const marks = units.map((u) => {
      const [px, py] = project(u.f.lon, u.f.lat);
      const x = Math.min(MAP_W - EDGE, Math.max(EDGE, px));
      const y = Math.min(MAP_H - EDGE, Math.max(EDGE, py));
      const off = x !== px || y !== py;
      // km beyond the edge (the projection keeps 1 px = 1/scale degrees of latitude, ≈ 111.2 km per degree)
      const km = off ? (Math.hypot(px - x, py - y) / project.scale) * 111.2 : 0;
      const arrow = ARROWS[Math.round(((Math.atan2(px - x, y - py) * 180) / Math.PI + 360) / 45) % 8]!;
      return { x, y, ...u, off, km, arrow, hollow: facilityBasis(u.f) === 'assumed' || u.f.status === 'planned' };
    });
    const siteMarks = sites.map((s) => ({ ...s, xy: project(s.lon, s.lat) }));
    const points = [
      ...dots.map((d) => ({ x0: d.x - d.r, y0: d.y - d.r, x1: d.x + d.r, y1: d.y + d.r })),
      ...siteMarks.map((s) => ({ x0: s.xy[0] - 8, y0: s.xy[1] - 8, x1: s.xy[0] + 8, y1: s.xy[1] + 8 })),
    ];
    const markBoxes = marks.map((m) => ({ x0: m.x - 7, y0: m.y - 7, x1: m.x + 7, y1: m.y + 7 }));
    // the distance notes of units off the frame first (clear of their own symbol), then names, most people first
    const away = marks
      .filter((m) => m.off)
      .map((m) => ({ x: m.x, y: m.y, text: t('report_kmAway', { arrow: m.arrow, km: fmtInt(lang, m.km) }) }));
    const notes = placeLabels(away, { width: MAP_W, height: MAP_H, fontSize: FONT, gap: 9, obstacles: points });
    const byPeople = [...dots].sort((a, b) => b.population - a.population);
    const labels = placeLabels(
      byPeople.map((d) => ({ x: d.x, y: d.y, text: d.name })),
      {
        width: MAP_W,
        height: MAP_H,
        fontSize: FONT,
        gap: [3, 9],
        obstacles: [...points, ...markBoxes, ...notes.map((n) => n.box)],
      },
    );
    return { others, own, dots, marks, siteMarks, labels, notes };
  }, [data, area, neighbours, sites, lang, t]);
  const located = drawn.dots.length;
  return (
    <figure className="report-map" data-testid="report-map">
      <svg
        viewBox={`0 0 ${MAP_W} ${MAP_H}`}
        role="img"
        aria-label={t('report_mapTitle')}
        data-labels={drawn.labels.length}
        data-units={drawn.marks.length}
      >
        <rect x={0} y={0} width={MAP_W} height={MAP_H} fill="#f4f6f8" />
        {drawn.others.map((d, k) => (
          <path key={k} d={d} fill="#fff" stroke="#b9c0c8" strokeWidth={0.8} fillRule="evenodd" />
        ))}
        <path
          d={drawn.own}
          fill={data.occupied ? '#ead9d9' : '#fdf6e3'}
          stroke="#333"
          strokeWidth={1.8}
          fillRule="evenodd"
        />
        {drawn.dots.map((d) => (
          <circle
            key={d.key}
            cx={d.x}
            cy={d.y}
            r={d.r}
            fill={d.beyond ? '#c0392b' : '#2e7d32'}
            stroke="#fff"
            strokeWidth={0.6}
          />
        ))}
        {drawn.marks.map((m) => (
          <g
            key={m.f.id}
            transform={`translate(${(m.x - 7).toFixed(1)} ${(m.y - 7).toFixed(1)})`}
            data-facility={m.f.id}
            data-off={m.off ? '1' : '0'}
          >
            <FacilitySymbol type={m.f.type} hollow={m.hollow} size={14} />
          </g>
        ))}
        {drawn.siteMarks.map((s) => (
          <g key={s.rank} data-site={s.rank}>
            <circle
              cx={s.xy[0]}
              cy={s.xy[1]}
              r={7.5}
              fill="#fff"
              stroke="#6a1b9a"
              strokeWidth={2}
              strokeDasharray="3 2"
            />
            <text x={s.xy[0]} y={s.xy[1] + 3.5} textAnchor="middle" fontSize={9} fontWeight={700} fill="#6a1b9a">
              {s.rank}
            </text>
          </g>
        ))}
        {drawn.notes.map((l) => (
          <text
            key={`n${l.index}`}
            x={l.tx}
            y={l.ty}
            textAnchor={l.anchor}
            fontSize={FONT}
            className="report-map-label report-map-away"
          >
            {l.text}
          </text>
        ))}
        {drawn.labels.map((l) => (
          <text key={l.index} x={l.tx} y={l.ty} textAnchor={l.anchor} fontSize={FONT} className="report-map-label">
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption className="report-legend small">
        <span>
          <svg width={10} height={10} aria-hidden="true">
            <circle cx={5} cy={5} r={4} fill="#2e7d32" />
          </svg>{' '}
          {t('report_legendWithin')}
        </span>
        <span>
          <svg width={10} height={10} aria-hidden="true">
            <circle cx={5} cy={5} r={4} fill="#c0392b" />
          </svg>{' '}
          {t('report_legendBeyond')}
        </span>
        <span>
          <FacilitySymbol type="state_fire_unit" size={12} /> {t('report_legendFire')}
        </span>
        <span>
          <FacilitySymbol type="police_station" size={12} /> {t('report_legendPolice')}
        </span>
        <span>
          <FacilitySymbol type="state_fire_unit" size={12} hollow /> {t('report_legendAssumed')}
        </span>
        {drawn.notes.length > 0 && <span>{t('report_legendAway')}</span>}
        {sites.length > 0 && (
          <span>
            <svg width={12} height={12} aria-hidden="true">
              <circle cx={6} cy={6} r={5} fill="#fff" stroke="#6a1b9a" strokeWidth={1.5} strokeDasharray="2 1.5" />
            </svg>{' '}
            {t('report_legendSite')}
          </span>
        )}
        <span className="muted" data-testid="report-map-names">
          {t('report_mapNames', { shown: drawn.labels.length, total: located, unlocated: data.unlocated.length })}
        </span>
      </figcaption>
    </figure>
  );
}
