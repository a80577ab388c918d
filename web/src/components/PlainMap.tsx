import { useTranslation } from 'react-i18next';
import { configuredTileUrl, mapFrame, outlineRings } from './mapFrame';

const WIDTH = 600;
const HEIGHT = 360;

/** A place marked on the map with a weight (a hot spot's cases): its circle grows with it. */
export interface MapSpot {
  lat: number;
  lon: number;
  weight: number;
  label: string;
}

/**
 * The map: district outlines and the chosen point, over the tiles of the configured tile server
 * (WEB_MAP_TILE_URL) or, without one (this machine), on a plain background; a click sets
 * latitude and longitude. Keyboard users
 * type them in the fields beside it. Without `onPick` it only shows: `spots` (hot spots), sized
 * by weight, each with its label as a tooltip; the page lists them as text beside it. `path` draws
 * a boundary being drawn by clicks (the admin's districts).
 */
export function PlainMap({
  districts,
  point = null,
  onPick,
  spots = [],
  path = [],
  label,
  caption,
}: {
  districts: { code: string; name: string; geometry: string }[];
  point?: { lat: number; lon: number } | null;
  onPick?: (lat: number, lon: number) => void;
  spots?: MapSpot[];
  /** A boundary being drawn: its corners in order, joined by a line (not closed yet). */
  path?: { lat: number; lon: number }[];
  /** The map's accessible name (default: the report form's "click to set the location"). */
  label?: string;
  /** Below the map (default: the picked point, or how to pick one). */
  caption?: string;
}) {
  const { t } = useTranslation();
  const outlines = districts.map((d) => ({ ...d, rings: outlineRings(d.geometry) }));
  const maxWeight = Math.max(1, ...spots.map((s) => s.weight));
  // The spots widen the frame too: a hot spot outside every district is still drawn.
  const all = [...outlines.flatMap((d) => d.rings.flat()), ...spots.map((s) => [s.lon, s.lat])];
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  // Around the districts, or around the README's example address without any.
  const pad = 0.005;
  const west = (all.length ? Math.min(...lons) : -74.06) - pad;
  const east = (all.length ? Math.max(...lons) : -73.95) + pad;
  const south = (all.length ? Math.min(...lats) : 40.66) - pad;
  const north = (all.length ? Math.max(...lats) : 40.77) + pad;
  const frame = mapFrame([west, south, east, north], WIDTH, HEIGHT, configuredTileUrl());
  const { x, y } = frame;
  const pick = (event: React.MouseEvent<SVGSVGElement>) => {
    if (!onPick) {
      return;
    }
    const box = event.currentTarget.getBoundingClientRect();
    const { lat, lon } = frame.at(
      (event.clientX - box.left) / box.width,
      (event.clientY - box.top) / box.height,
    );
    onPick(Number(lat.toFixed(6)), Number(lon.toFixed(6)));
  };
  return (
    <figure className="plain-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label ?? t('report.map')}
        onClick={pick}
        className={
          [onPick ? 'pickable' : '', frame.tiles.length ? 'tiled' : ''].filter(Boolean).join(' ') ||
          undefined
        }
        data-bounds={frame.bounds.join(',')}
      >
        <rect width={WIDTH} height={HEIGHT} className="map-background" />
        {frame.tiles.map((tile) => (
          <image
            key={tile.href}
            href={tile.href}
            x={tile.x}
            y={tile.y}
            width={tile.size}
            height={tile.size}
            className="map-tile"
          />
        ))}
        {outlines.map((d) => (
          <g key={d.code}>
            {d.rings.map((ring, i) => (
              <polygon
                key={i}
                className="map-district"
                points={ring.map((p) => `${x(p[0])},${y(p[1])}`).join(' ')}
              />
            ))}
            {d.rings[0]?.length ? (
              <text
                className="map-label"
                x={d.rings[0].reduce((s, p) => s + x(p[0]), 0) / d.rings[0].length}
                y={d.rings[0].reduce((s, p) => s + y(p[1]), 0) / d.rings[0].length}
              >
                {d.name}
              </text>
            ) : null}
          </g>
        ))}
        {spots.map((spot, i) => (
          <circle
            key={i}
            className="map-spot"
            cx={x(spot.lon)}
            cy={y(spot.lat)}
            r={6 + 14 * Math.sqrt(spot.weight / maxWeight)}
          >
            <title>{spot.label}</title>
          </circle>
        ))}
        {path.length > 0 && (
          <g className="map-path">
            <polyline points={path.map((p) => `${x(p.lon)},${y(p.lat)}`).join(' ')} />
            {path.map((p, i) => (
              <circle key={i} cx={x(p.lon)} cy={y(p.lat)} r={5} />
            ))}
          </g>
        )}
        {point && <circle className="map-point" cx={x(point.lon)} cy={y(point.lat)} r={8} />}
      </svg>
      <figcaption aria-live="polite">
        {caption ??
          (point
            ? t('report.mapPicked', { lat: point.lat, lon: point.lon })
            : t('report.locationHint'))}
      </figcaption>
    </figure>
  );
}
