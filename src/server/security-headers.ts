// Transport and browser headers on every answer (等保 2.0 三级, ASVS V14): what the browser may load
// and run, that it must keep to HTTPS, and what it may store.
import { relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The web app loads its own scripts, styles, images and API answers only. Inline styles stay allowed:
 * Ant Design writes its component styles into <style> elements at run time (CSS-in-JS); inline and
 * foreign scripts, plugins, framing and form posts elsewhere are refused. API answers carry the same
 * policy, so an answer opened directly (a printable page, a JSON body) cannot run script either.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, subdomains included: once a browser has seen the site over HTTPS it never uses HTTP. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/** Fingerprinted build output (web/dist/assets/<name>-<hash>.<ext>): its content never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function installSecurityHeaders(app: FastifyInstance, options: { secureCookies: boolean }) {
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    // HSTS only where the deployment is HTTPS (ZGSZ_SECURE_COOKIES=1): sent over plain HTTP on a
    // test or intranet machine it would be ignored at best.
    if (options.secureCookies) reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    // API answers hold personal data or state that changes with every write: no cache (browser,
    // proxy or back-forward) keeps them. A route's own stricter value ('private, no-store') stays.
    if (req.url.startsWith('/api/') && !/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''))) {
      reply.header('cache-control', 'no-store');
    }
  });
}

/**
 * Cache-Control for a file of the built web app (@fastify/static `setHeaders`): fingerprinted
 * assets are cached for a year without revalidation; everything else — index.html above all, which
 * names the current assets — is revalidated on every use, so a new build is seen at once.
 */
export function staticCacheControl(root: string, file: string): string {
  const path = relative(root, file).split(sep);
  return path.length > 1 && path[0] === 'assets' ? IMMUTABLE : 'no-cache';
}
