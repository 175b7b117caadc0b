// Metadata routes: app/sitemap.ts -> /sitemap.xml (or /sitemap/<id>.xml with
// generateSitemaps), app/robots.ts -> /robots.txt, app/manifest.ts -> /manifest.webmanifest.
// The default export's result is rendered exactly as Next.js 15 renders it. Static metadata
// files (robots.txt, icon.png, …) are answered with their bytes, as Next's generated
// force-static route does. Image routes (icon.tsx, opengraph-image.tsx, …) answer with what
// their default export returns, one image per id of `generateImageMetadata` when exported.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const CACHE = 'public, max-age=0, must-revalidate';

  function sitemapXml(items) {
    const list = Array.isArray(items) ? items : [];
    const has = (key) => list.some((i) => i && i[key] !== undefined && (key !== 'alternates' || (i.alternates && i.alternates.languages)));
    let out = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
    if (list.some((i) => i && Array.isArray(i.images) && i.images.length)) out += ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"';
    if (list.some((i) => i && Array.isArray(i.videos) && i.videos.length)) out += ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"';
    if (has('alternates')) out += ' xmlns:xhtml="http://www.w3.org/1999/xhtml"';
    out += '>\n';
    for (const item of list) {
      out += '<url>\n';
      out += `<loc>${item.url}</loc>\n`;
      const languages = item.alternates && item.alternates.languages;
      if (languages && Object.keys(languages).length) {
        for (const lang in languages) {
          out += `<xhtml:link rel="alternate" hreflang="${lang}" href="${languages[lang]}" />\n`;
        }
      }
      if (Array.isArray(item.images) && item.images.length) {
        for (const image of item.images) out += `<image:image>\n<image:loc>${image}</image:loc>\n</image:image>\n`;
      }
      if (Array.isArray(item.videos) && item.videos.length) {
        for (const video of item.videos) {
          const fields = [
            '<video:video>',
            `<video:title>${video.title}</video:title>`,
            `<video:thumbnail_loc>${video.thumbnail_loc}</video:thumbnail_loc>`,
            `<video:description>${video.description}</video:description>`,
            video.content_loc && `<video:content_loc>${video.content_loc}</video:content_loc>`,
            video.player_loc && `<video:player_loc>${video.player_loc}</video:player_loc>`,
            video.duration && `<video:duration>${video.duration}</video:duration>`,
            video.view_count && `<video:view_count>${video.view_count}</video:view_count>`,
            video.tag && `<video:tag>${video.tag}</video:tag>`,
            video.rating && `<video:rating>${video.rating}</video:rating>`,
            video.expiration_date && `<video:expiration_date>${video.expiration_date}</video:expiration_date>`,
            video.publication_date && `<video:publication_date>${video.publication_date}</video:publication_date>`,
            video.family_friendly && `<video:family_friendly>${video.family_friendly}</video:family_friendly>`,
            video.requires_subscription && `<video:requires_subscription>${video.requires_subscription}</video:requires_subscription>`,
            video.live && `<video:live>${video.live}</video:live>`,
            video.restriction && `<video:restriction relationship="${video.restriction.relationship}">${video.restriction.content}</video:restriction>`,
            video.platform && `<video:platform relationship="${video.platform.relationship}">${video.platform.content}</video:platform>`,
            video.uploader && `<video:uploader${video.uploader.info ? ` info="${video.uploader.info}"` : ''}>${video.uploader.content}</video:uploader>`,
            '</video:video>\n',
          ].filter(Boolean);
          out += fields.join('\n');
        }
      }
      if (item.lastModified) {
        const d = item.lastModified instanceof Date ? item.lastModified.toISOString() : item.lastModified;
        out += `<lastmod>${d}</lastmod>\n`;
      }
      if (item.changeFrequency) out += `<changefreq>${item.changeFrequency}</changefreq>\n`;
      if (typeof item.priority === 'number') out += `<priority>${item.priority}</priority>\n`;
      out += '</url>\n';
    }
    out += '</urlset>\n';
    return out;
  }

  const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  function robotsTxt(data) {
    let out = '';
    for (const rule of asArray(data && data.rules)) {
      const agents = asArray(rule.userAgent);
      for (const agent of agents.length ? agents : ['*']) out += `User-Agent: ${agent}\n`;
      for (const p of asArray(rule.allow)) out += `Allow: ${p}\n`;
      for (const p of asArray(rule.disallow)) out += `Disallow: ${p}\n`;
      if (rule.crawlDelay) out += `Crawl-delay: ${rule.crawlDelay}\n`;
      out += '\n';
    }
    if (data && data.host) out += `Host: ${data.host}\n`;
    for (const s of asArray(data && data.sitemap)) out += `Sitemap: ${s}\n`;
    return out;
  }

  const RENDER = {
    sitemap: [sitemapXml, 'application/xml'],
    robots: [robotsTxt, 'text/plain'],
    manifest: [(d) => JSON.stringify(d), 'application/manifest+json'],
  };

  const ID = '__metadata_id__';
  const notFound = () => new Response('Not Found', { status: 404 });

  // Static files: Next's content type from the name (`name.ext`, split at the first dot),
  // which knows png/jpeg/ico/svg images only: a .gif is served as text/plain (15.5).
  const IMAGE_TYPES = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', ico: 'image/x-icon', svg: 'image/svg+xml' };
  function fileType(base) {
    const [name, ext] = base.split('.');
    if (name === 'favicon' && ext === 'ico') return 'image/x-icon';
    if (name === 'sitemap') return 'application/xml';
    if (name === 'robots') return 'text/plain';
    if (name === 'manifest') return 'application/manifest+json';
    return IMAGE_TYPES[ext] || 'text/plain';
  }
  const MB = 1024 * 1024;
  const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

  internal.metadata = {
    ID,
    handler(kind, ns, display, file) {
      if (kind === 'static') {
        const base = file.slice(file.lastIndexOf('/') + 1);
        const type = fileType(base);
        const cache = base.startsWith('favicon.')
          ? CACHE
          : internal.config.dev ? 'no-cache, no-store' : 'public, immutable, no-transform, max-age=31536000';
        const limit = base.startsWith('twitter-image') ? 5 : base.startsWith('opengraph-image') ? 8 : 0;
        // Read when the entry is generated (start-up); requests are answered from the cache.
        return function metadataFile() {
          const bytes = internal.native.fsReadFile(file);
          if (limit !== 0 && bytes.byteLength > limit * MB) {
            throw new Error(`File size for ${limit === 5 ? 'Twitter' : 'Open Graph'} image ${JSON.stringify(display)} exceeds ${limit}MB. (Current: ${(bytes.byteLength / MB).toFixed(2)}MB)`);
          }
          return new Response(bytes, { headers: { 'content-type': type, 'cache-control': cache } });
        };
      }
      if (kind === 'image') {
        // `icon.tsx`, `opengraph-image.tsx`, …: the default export answers with the image
        // (an ImageResponse from next/og), headers and all. Next 15.5 calls it with plain
        // `{ params, id }`: the route's params without the id (undefined when the route has
        // no dynamic segment), and under `generateImageMetadata` the id of the first entry
        // whose `String(id)` is the URL's, as the entry has it (a number stays a number).
        // The entries are asked for on every request; an id no entry has is a 404.
        return async function metadataImage(_request, ctx) {
          if (typeof ns.default !== 'function') {
            throw new TypeError(`Default export is missing in ${JSON.stringify(display)}`);
          }
          const all = ctx !== undefined && ctx.params !== undefined ? await ctx.params : undefined;
          let params;
          let target;
          if (all) {
            const { [ID]: wanted, ...rest } = all;
            params = rest;
            target = wanted;
          }
          let id;
          const generate = ns.generateImageMetadata;
          if (generate) {
            const list = await generate({ params });
            if (list === null || list === undefined || typeof list.find !== 'function') {
              throw new TypeError(`generateImageMetadata in ${JSON.stringify(display)} must return an array of { id, ... } (got ${describe(list)})`);
            }
            const entry = list.find((item) => {
              if (item === null || item === undefined || item.id === null || item.id === undefined) {
                throw new TypeError(`id property is required for every item returned from generateImageMetadata (${JSON.stringify(display)})`);
              }
              return String(item.id) === target;
            });
            id = entry === undefined ? undefined : entry.id;
            if (id === undefined || id === null) return notFound();
          }
          return ns.default({ params, id });
        };
      }
      const [render, type] = RENDER[kind];
      return async function metadataRoute(_request, ctx) {
        if (typeof ns.default !== 'function') {
          throw new TypeError(`${display} must export a default function`);
        }
        let data;
        if (kind === 'sitemap') {
          // Next passes `{ id }`: the id of `<id>.xml` as a string, or undefined.
          const params = ctx !== undefined && ctx.params !== undefined ? await ctx.params : undefined;
          const raw = params !== undefined ? params[ID] : undefined;
          if (raw !== undefined && !raw.endsWith('.xml')) return notFound();
          data = await ns.default({ id: raw !== undefined ? raw.slice(0, -4) : undefined });
        } else {
          data = await ns.default();
        }
        return new Response(render(data), { headers: { 'content-type': type, 'cache-control': CACHE } });
      };
    },
    /** The params an image route's `generateStaticParams` lists (Next re-exports it). Under
     * `generateImageMetadata` (`byId`), those without an id name no image and are left out,
     * as `next build` prerenders none for them. */
    imageParams(ns, byId) {
      return Promise.resolve(ns.generateStaticParams({ params: {} })).then((list) => {
        const all = Array.isArray(list) ? list : [];
        return byId ? all.filter((p) => p !== null && typeof p === 'object' && p[ID] !== undefined) : all;
      });
    },
    /** The params of `generateSitemaps()`, as `generateStaticParams` would list them. */
    sitemapParams(ns) {
      if (typeof ns.generateSitemaps !== 'function') return Promise.resolve([]);
      return Promise.resolve(ns.generateSitemaps()).then((list) =>
        (Array.isArray(list) ? list : []).map((item) => ({ [ID]: `${item.id}.xml` })));
    },
  };
})();
