#!/usr/bin/env node
// Dependency-free mock of the OpenAI chat-completions API, for tests.
//
//   node tests/mocks/openai.mjs [--port N] [--delay MS] [--tokens JSON] [--tls CERT KEY]
//
// Port: --port N, else the first bare number argument, else $PORT, else 0 (random).
// The first line on stdout is `listening <port>` once the server accepts connections.
// --delay MS ($MOCK_DELAY_MS, default 50): pause before each token chunk.
// --tokens JSON ($MOCK_TOKENS, default ["Hello", ",", " world"]): the completion's tokens.
// --tls CERT KEY: serve https with this PEM certificate and key instead of http.
//
// Routes (the /v1 prefix is optional, so baseURL may end in /v1 or not):
//   POST /v1/chat/completions  stream:true -> SSE `data: {chunk}\n\n` per token, then
//                              `data: [DONE]\n\n`; otherwise one chat.completion JSON.
//                              stream_options.include_usage adds OpenAI's usage chunk.
//   GET  /v1/models            a one-model list.
//   GET  /__requests           every request seen so far: [{method, path, headers, body}].
//   DELETE /__requests         forget them.
// Everything is deterministic: fixed id, created and model fingerprint.
import http from 'node:http'
import https from 'node:https'
import fs from 'node:fs'

const args = process.argv.slice(2)
const opt = { port: process.env.PORT ?? '0', delay: process.env.MOCK_DELAY_MS ?? '50', tokens: process.env.MOCK_TOKENS, tls: null }
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--port') opt.port = args[++i]
  else if (a === '--delay') opt.delay = args[++i]
  else if (a === '--tokens') opt.tokens = args[++i]
  else if (a === '--tls') opt.tls = { cert: fs.readFileSync(args[++i]), key: fs.readFileSync(args[++i]) }
  else if (/^\d+$/.test(a)) opt.port = a
  else { console.error(`unknown argument ${a}`); process.exit(2) }
}
const DELAY = Number(opt.delay)
const TOKENS = opt.tokens ? JSON.parse(opt.tokens) : ['Hello', ',', ' world']
const ID = 'chatcmpl-mock0001'
const CREATED = 1700000000
const FINGERPRINT = 'fp_mock'
const requests = []

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function usage(body) {
  const prompt = 10 // fixed, so usage is predictable
  return { prompt_tokens: prompt, completion_tokens: TOKENS.length, total_tokens: prompt + TOKENS.length }
}

function chunk(model, delta, finish_reason = null) {
  return {
    id: ID, object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason }],
  }
}

async function chat(req, res, body) {
  const model = body.model ?? 'gpt-4-turbo'
  if (!body.stream) {
    return json(res, 200, {
      id: ID, object: 'chat.completion', created: CREATED, model, system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, message: { role: 'assistant', content: TOKENS.join(''), refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: usage(body),
    })
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
  res.flushHeaders()
  const send = (data) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
  const includeUsage = body.stream_options?.include_usage === true
  const withUsage = (c) => (includeUsage ? { ...c, usage: null } : c)
  send(withUsage(chunk(model, { role: 'assistant', content: '', refusal: null })))
  for (const t of TOKENS) {
    if (DELAY > 0) await sleep(DELAY)
    if (res.destroyed) return
    send(withUsage(chunk(model, { content: t })))
  }
  send(withUsage(chunk(model, {}, 'stop')))
  if (includeUsage) send({ id: ID, object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: FINGERPRINT, choices: [], usage: usage(body) })
  send('[DONE]')
  res.end()
}

function json(res, status, value) {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function handle(req, res) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  const raw = Buffer.concat(chunks).toString('utf8')
  const url = new URL(req.url, 'http://mock')
  const path = url.pathname.replace(/^\/v1(?=\/)/, '')
  if (path === '/__requests') {
    if (req.method === 'DELETE') { requests.length = 0; return json(res, 200, { ok: true }) }
    return json(res, 200, requests)
  }
  let body = null
  try { body = raw ? JSON.parse(raw) : null } catch { body = raw }
  requests.push({ method: req.method, path: url.pathname + url.search, headers: req.headers, body })
  if (req.method === 'POST' && path === '/chat/completions') {
    if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
      return json(res, 400, { error: { message: "'messages' is a required property", type: 'invalid_request_error', param: 'messages', code: null } })
    }
    return chat(req, res, body)
  }
  if (req.method === 'GET' && path === '/models') {
    return json(res, 200, { object: 'list', data: [{ id: 'gpt-4-turbo', object: 'model', created: CREATED, owned_by: 'mock' }] })
  }
  json(res, 404, { error: { message: `Unknown request URL: ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } })
}

const onRequest = (req, res) => handle(req, res).catch((e) => { console.error(e); if (!res.headersSent) json(res, 500, { error: { message: String(e) } }); else res.destroy() })
const server = opt.tls ? https.createServer(opt.tls, onRequest) : http.createServer(onRequest)
server.listen(Number(opt.port), '127.0.0.1', () => console.log(`listening ${server.address().port}`))
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0))
