#!/usr/bin/env node
// Dependency-free mock of the third-party HTTP APIs used by tests/fixtures/packages.
// One server; requests are dispatched by path:
//
//   Stripe       /v1/...            POST /v1/customers, GET /v1/customers/:id, POST /v1/payment_intents,
//                                   anything else under /v1 -> Stripe-shaped 404 error
//   Upstash      POST /              body ["SET","k","v"] -> {"result":"OK"}   (GET, SET, INCR, DEL, ...)
//                POST /pipeline      body [["SET","k","v"],["GET","k"]] -> [{"result":"OK"},{"result":"v"}]
//                POST /multi-exec    same shape as /pipeline
//                (string results are base64-encoded when the request says `Upstash-Encoding: base64`,
//                 as @upstash/redis does by default)
//   Supabase     GET  /rest/v1/<table>?select=*[&col=eq.value]   -> JSON rows (PostgREST)
//                POST /rest/v1/<table>                           -> inserts; rows back if Prefer: return=representation
//                POST /auth/v1/token?grant_type=password, /auth/v1/signup, GET /auth/v1/user, POST /auth/v1/logout
//   Resend       POST /emails        -> {"id": "..."}
//   Generic      ANY  /echo[...]     -> {method, path, query, headers (a few), body}  (for axios / fetch tests)
//                GET  /json          -> a fixed JSON document
//                GET  /__requests    -> every request seen so far; DELETE /__requests forgets them
//
//   node tests/mocks/rest.mjs [--port N] [--tls CERT KEY]
// Port: --port N, else the first bare number argument, else $PORT, else 0 (random).
// The first line on stdout is `listening <port>`.
// Ids are derived from a hash of the request, so the same request always gets the same id.
import http from 'node:http'
import https from 'node:https'
import fs from 'node:fs'
import crypto from 'node:crypto'

const args = process.argv.slice(2)
const opt = { port: process.env.PORT ?? '0', tls: null }
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--port') opt.port = args[++i]
  else if (a === '--tls') opt.tls = { cert: fs.readFileSync(args[++i]), key: fs.readFileSync(args[++i]) }
  else if (/^\d+$/.test(a)) opt.port = a
  else { console.error(`unknown argument ${a}`); process.exit(2) }
}

const CREATED = 1700000000
const requests = []
const idFor = (prefix, ...parts) => prefix + crypto.createHash('sha256').update(parts.map(String).join('\0')).digest('hex').slice(0, 14)

function send(res, status, value, headers = {}) {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

// ---------------------------------------------------------------- Stripe
const customers = new Map()
function stripe(req, res, path, form) {
  const err = (status, message, type = 'invalid_request_error') => send(res, status, { error: { type, message } })
  const auth = req.headers.authorization ?? ''
  const key = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : auth.replace(/^Bearer /, '')
  if (!key.startsWith('sk_')) return err(401, 'Invalid API Key provided', 'invalid_request_error')
  let m
  if (req.method === 'POST' && path === '/v1/customers') {
    const c = {
      id: idFor('cus_', form.email, form.name), object: 'customer', created: CREATED, livemode: false,
      email: form.email ?? null, name: form.name ?? null, description: form.description ?? null,
      metadata: pick(form, 'metadata'), balance: 0, currency: null, delinquent: false,
    }
    customers.set(c.id, c)
    return send(res, 200, c, { 'request-id': idFor('req_', c.id) })
  }
  if (req.method === 'GET' && (m = path.match(/^\/v1\/customers\/([^/]+)$/))) {
    const c = customers.get(m[1])
    return c ? send(res, 200, c) : err(404, `No such customer: '${m[1]}'`)
  }
  if (req.method === 'POST' && path === '/v1/payment_intents') {
    const amount = Number(form.amount)
    if (!amount) return err(400, 'Missing required param: amount.')
    const id = idFor('pi_', amount, form.currency)
    return send(res, 200, {
      id, object: 'payment_intent', amount, currency: form.currency ?? 'usd', status: 'requires_payment_method',
      client_secret: `${id}_secret_mock`, created: CREATED, livemode: false, metadata: pick(form, 'metadata'),
    })
  }
  return err(404, `Unrecognized request URL (${req.method}: ${path}).`)
}
// Stripe sends application/x-www-form-urlencoded with bracketed keys: metadata[order]=1
function pick(form, prefix) {
  const out = {}
  for (const [k, v] of Object.entries(form)) {
    const m = k.match(new RegExp(`^${prefix}\\[([^\\]]+)\\]$`))
    if (m) out[m[1]] = v
  }
  return out
}

// ---------------------------------------------------------------- Upstash Redis REST
const kv = new Map()
function redisCommand([name, ...args]) {
  const cmd = String(name).toUpperCase()
  const int = (k) => { const v = kv.get(k) ?? '0'; if (!/^-?\d+$/.test(v)) throw new Error('ERR value is not an integer or out of range'); return Number(v) }
  switch (cmd) {
    case 'PING': return args.length ? String(args[0]) : 'PONG'
    case 'SET': {
      const [k, v, ...rest] = args
      const flags = rest.map((x) => String(x).toUpperCase())
      if (flags.includes('NX') && kv.has(k)) return null
      if (flags.includes('XX') && !kv.has(k)) return null
      kv.set(k, String(v)); return 'OK'
    }
    case 'GET': return kv.get(args[0]) ?? null
    case 'MGET': return args.map((k) => kv.get(k) ?? null)
    case 'DEL': return args.filter((k) => kv.delete(k)).length
    case 'EXISTS': return args.filter((k) => kv.has(k)).length
    case 'INCR': { const n = int(args[0]) + 1; kv.set(args[0], String(n)); return n }
    case 'INCRBY': { const n = int(args[0]) + Number(args[1]); kv.set(args[0], String(n)); return n }
    case 'DECR': { const n = int(args[0]) - 1; kv.set(args[0], String(n)); return n }
    case 'EXPIRE': return kv.has(args[0]) ? 1 : 0
    case 'TTL': return kv.has(args[0]) ? -1 : -2
    case 'FLUSHDB': case 'FLUSHALL': kv.clear(); return 'OK'
    default: throw new Error(`ERR unknown command '${name}'`)
  }
}
function encode(value, base64) {
  if (!base64) return value
  if (typeof value === 'string') return Buffer.from(value).toString('base64')
  if (Array.isArray(value)) return value.map((v) => encode(v, true))
  return value
}
function runOne(command, base64) {
  try { return { result: encode(redisCommand(command), base64) } } catch (e) { return { error: e.message } }
}
function upstash(req, res, path, body) {
  if (!/^Bearer ./.test(req.headers.authorization ?? '')) return send(res, 401, { error: 'Unauthorized' })
  const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64'
  if (path === '/pipeline' || path === '/multi-exec') {
    if (!Array.isArray(body) || !body.every(Array.isArray)) return send(res, 400, { error: 'ERR expected an array of commands' })
    return send(res, 200, body.map((c) => runOne(c, base64)))
  }
  // Single command: the JSON array body, or the path (/set/k/v) as Upstash also allows.
  const command = Array.isArray(body) ? body : path.split('/').filter(Boolean).map(decodeURIComponent)
  if (!command.length) return send(res, 400, { error: 'ERR empty command' })
  const out = runOne(command, base64)
  return send(res, out.error ? 400 : 200, out)
}

// ---------------------------------------------------------------- Supabase (PostgREST + GoTrue)
const tables = new Map([
  ['todos', [
    { id: 1, title: 'Write the mock', done: true },
    { id: 2, title: 'Test the fixture', done: false },
  ]],
])
const USER = { id: '00000000-0000-4000-8000-000000000001', aud: 'authenticated', role: 'authenticated', email: 'ada@example.com', created_at: '2023-11-14T22:13:20Z', app_metadata: { provider: 'email' }, user_metadata: {} }
function supabase(req, res, url, path, body) {
  if (!req.headers.apikey) return send(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' })
  let m
  if ((m = path.match(/^\/rest\/v1\/([A-Za-z0-9_]+)$/))) {
    const rows = tables.get(m[1])
    if (!rows) return send(res, 404, { code: '42P01', details: null, hint: null, message: `relation "public.${m[1]}" does not exist` })
    if (req.method === 'GET') {
      let out = rows
      for (const [k, v] of url.searchParams) {
        if (['select', 'order', 'limit', 'offset'].includes(k)) continue
        const f = v.match(/^eq\.(.*)$/)
        if (f) out = out.filter((r) => String(r[k]) === f[1])
      }
      const select = url.searchParams.get('select')
      if (select && select !== '*') {
        const cols = select.split(',')
        out = out.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])))
      }
      if (url.searchParams.get('order')) {
        const [col, dir] = url.searchParams.get('order').split('.')
        out = [...out].sort((a, b) => (a[col] < b[col] ? -1 : a[col] > b[col] ? 1 : 0) * (dir === 'desc' ? -1 : 1))
      }
      return send(res, 200, out, { 'content-range': `0-${Math.max(out.length - 1, 0)}/*` })
    }
    if (req.method === 'POST') {
      const input = Array.isArray(body) ? body : [body]
      const inserted = input.map((r) => ({ id: rows.length + 1, done: false, ...r, id: r.id ?? rows.length + 1 }))
      // Not stored: every insert sees the same table, so responses stay deterministic.
      const wantRows = String(req.headers.prefer ?? '').includes('return=representation')
      if (!wantRows) { res.writeHead(201, { 'content-length': 0 }); return res.end() }
      return send(res, 201, inserted)
    }
    return send(res, 405, { message: 'method not allowed' })
  }
  if (path === '/auth/v1/token' && req.method === 'POST') {
    if (url.searchParams.get('grant_type') !== 'password') return send(res, 400, { error: 'unsupported_grant_type', error_description: 'unsupported grant type' })
    if (body?.email !== USER.email || body?.password !== 'correct horse') return send(res, 400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' })
    return send(res, 200, { access_token: 'mock-access-token', token_type: 'bearer', expires_in: 3600, expires_at: 4102444800, refresh_token: 'mock-refresh-token', user: USER })
  }
  if (path === '/auth/v1/signup' && req.method === 'POST') return send(res, 200, { ...USER, email: body?.email ?? USER.email })
  if (path === '/auth/v1/user' && req.method === 'GET') {
    if (req.headers.authorization !== 'Bearer mock-access-token') return send(res, 401, { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT' })
    return send(res, 200, USER)
  }
  if (path === '/auth/v1/logout' && req.method === 'POST') { res.writeHead(204); return res.end() }
  return send(res, 404, { message: `no route for ${req.method} ${path}` })
}

// ---------------------------------------------------------------- Resend
function resend(req, res, body) {
  if (!/^Bearer re_/.test(req.headers.authorization ?? '')) return send(res, 401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' })
  for (const field of ['from', 'to', 'subject']) {
    if (!body?.[field]) return send(res, 422, { statusCode: 422, name: 'missing_required_field', message: `Missing \`${field}\` field.` })
  }
  if (!body.html && !body.text) return send(res, 422, { statusCode: 422, name: 'validation_error', message: 'Missing `html` or `text` field.' })
  return send(res, 200, { id: idFor('email_', body.from, body.to, body.subject, body.html ?? body.text) })
}

// ---------------------------------------------------------------- dispatch
async function handle(req, res) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  const raw = Buffer.concat(chunks).toString('utf8')
  const url = new URL(req.url, 'http://mock')
  const path = url.pathname
  if (path === '/__requests') {
    if (req.method === 'DELETE') { requests.length = 0; return send(res, 200, { ok: true }) }
    return send(res, 200, requests)
  }
  const type = String(req.headers['content-type'] ?? '')
  // JSON when it parses (clients are not consistent about content-type), else a form, else text.
  let body = raw
  try { body = raw ? JSON.parse(raw) : raw } catch {
    if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw))
  }
  requests.push({ method: req.method, path: path + url.search, headers: req.headers, body })

  if (path.startsWith('/v1/')) return stripe(req, res, path, typeof body === 'object' && body ? body : {})
  if (path.startsWith('/rest/v1/') || path.startsWith('/auth/v1/')) return supabase(req, res, url, path, body)
  if (path === '/emails' && req.method === 'POST') return resend(req, res, body)
  if (path === '/echo' || path.startsWith('/echo/')) {
    const h = req.headers
    return send(res, 200, {
      method: req.method, path, query: Object.fromEntries(url.searchParams),
      headers: { 'content-type': h['content-type'] ?? null, 'x-test': h['x-test'] ?? null, authorization: h.authorization ?? null },
      body: raw === '' ? null : body,
    })
  }
  if (path === '/json' && req.method === 'GET') return send(res, 200, { name: 'ferroute', tags: ['rust', 'quickjs'], version: 1 })
  if (req.method === 'POST' && (path === '/' || path === '/pipeline' || path === '/multi-exec' || /^\/[a-z]+(\/|$)/i.test(path))) return upstash(req, res, path, body)
  return send(res, 404, { error: `no mock for ${req.method} ${path}` })
}

const onRequest = (req, res) => handle(req, res).catch((e) => { console.error(e); if (!res.headersSent) send(res, 500, { error: String(e) }); else res.destroy() })
const server = opt.tls ? https.createServer(opt.tls, onRequest) : http.createServer(onRequest)
server.listen(Number(opt.port), '127.0.0.1', () => console.log(`listening ${server.address().port}`))
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0))
