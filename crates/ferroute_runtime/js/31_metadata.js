// Metadata routes: app/sitemap.ts -> /sitemap.xml, app/robots.ts -> /robots.txt,
// app/manifest.ts -> /manifest.webmanifest. The default export's result is rendered
// exactly as Next.js 15 renders it.
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

  internal.metadata = {
    handler(kind, ns, display) {
      const [render, type] = RENDER[kind];
      return async function metadataRoute() {
        if (typeof ns.default !== 'function') {
          throw new TypeError(`${display} must export a default function`);
        }
        const data = await ns.default();
        return new Response(render(data), { headers: { 'content-type': type, 'cache-control': CACHE } });
      };
    },
  };
})();
