import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { WebSignIn } from '../config/gateway.config.js';
import { STREAMED_ROUTES } from './streamed-downloads.js';

/**
 * Paths the gateway answers itself: the APIs, health, the development sign-in. The web app
 * (docs/adr/0072) never shadows them: a page route under one of these is not a page.
 */
export const API_PREFIXES: readonly string[] = [
  '/graphql',
  '/open311',
  '/health',
  '/auth',
  '/metrics',
  ...STREAMED_ROUTES.map((route) => route.prefix),
  // Both streamed routes live under these; a path beside them is still not a page.
  '/analytics',
];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * The built web app, when `dir` holds one: its files as they are (hashed assets cached for a
 * year), and index.html for any other GET of a page path (the app routes in the browser). API
 * paths fall through to their handlers; a missing file with an extension is a 404, not the page.
 */
export function webAppHandler(
  dir: string,
  options: { mapTileUrl?: string; signIn?: WebSignIn } = {},
): ((req: Request, res: Response, next: NextFunction) => void) | null {
  const indexHtml = join(dir, 'index.html');
  if (!dir || !existsSync(indexHtml)) {
    return null;
  }
  // The app reads its runtime settings from the page (docs/adr/0082, 0091): the build stays the
  // same for every deployment, and the pages ask nothing but the public APIs.
  const settings = [
    ...(options.mapTileUrl ? [['civitas-map-tiles', options.mapTileUrl]] : []),
    ...(options.signIn ? [['civitas-sign-in', JSON.stringify(options.signIn)]] : []),
  ]
    .map(([name, content]) => `<meta name="${name}" content="${escapeAttribute(content)}" />`)
    .join('');
  const sendPage = settings
    ? (res: Response, next: NextFunction) => {
        readFile(indexHtml, 'utf8').then(
          (html) => res.type('html').send(html.replace('</head>', `${settings}</head>`)),
          next,
        );
      }
    : (res: Response) => res.sendFile(indexHtml);
  const files = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) {
      next();
      return;
    }
    files(req, res, () => {
      const lastSegment = req.path.slice(req.path.lastIndexOf('/') + 1);
      if (lastSegment.includes('.')) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      sendPage(res, next);
    });
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
