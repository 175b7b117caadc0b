#!/usr/bin/env node
// Dependency-free WebSocket echo server (RFC 6455, server side over node:http's 'upgrade'
// event), for tests of the WebSocket client.
//
//   node tests/mocks/ws-echo.mjs [--port N] [--tls CERT KEY]
//
// Port: --port N, else the first bare number argument, else $PORT, else 0 (random).
// The first line on stdout is `listening <port>` once the server accepts connections.
// --tls CERT KEY: serve wss with this PEM certificate and key instead of ws.
//
// Handshake: any path; answers 101 with Sec-WebSocket-Accept, and selects the first offered
// subprotocol (none if none offered). `/reject` answers 403 instead; `/bad-accept` answers 101
// with a wrong Sec-WebSocket-Accept; `/bad-protocol` selects a subprotocol nobody offered.
//
// Every data message is echoed back with its type (text or binary) — after the client's
// fragments are joined — except these text commands:
//   "headers"          a text message: JSON of the handshake request ({path, headers}).
//   "fragmented"       the text "fragmented reply" in three frames, with a ping in between.
//   "ping"             a ping with payload "are you there"; the pong's payload is then sent
//                      back as the text "pong:<payload>".
//   "big"              binary messages of 200 and 70000 bytes (16- and 64-bit lengths),
//                      byte i = i % 251.
//   "bad-utf8"         a text frame holding invalid UTF-8.
//   "close-me"         the server starts the closing handshake with 4001 "server bye".
//   "drop"             the TCP connection is destroyed without a close frame.
// The close handshake: a client's close frame is answered with the same code and reason,
// then the server ends the TCP connection.
import http from 'node:http'
import https from 'node:https'
import crypto from 'node:crypto'
import fs from 'node:fs'

const args = process.argv.slice(2)
let port = process.env.PORT ?? '0'
let tls = null
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--port') port = args[++i]
  else if (a === '--tls') tls = { cert: fs.readFileSync(args[++i]), key: fs.readFileSync(args[++i]) }
  else if (/^\d+$/.test(a)) port = a
  else { console.error(`unknown argument ${a}`); process.exit(2) }
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const accept = (key) => crypto.createHash('sha1').update(key + GUID).digest('base64')

/** One unmasked server frame. */
function frame(opcode, payload, fin = true) {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload ?? '')
  let head
  if (data.length < 126) {
    head = Buffer.from([(fin ? 0x80 : 0) | opcode, data.length])
  } else if (data.length < 65536) {
    head = Buffer.alloc(4)
    head[0] = (fin ? 0x80 : 0) | opcode
    head[1] = 126
    head.writeUInt16BE(data.length, 2)
  } else {
    head = Buffer.alloc(10)
    head[0] = (fin ? 0x80 : 0) | opcode
    head[1] = 127
    head.writeBigUInt64BE(BigInt(data.length), 2)
  }
  return Buffer.concat([head, data])
}

const plain = (req, res) => {
  res.writeHead(426, { 'content-type': 'text/plain' })
  res.end('WebSocket only\n')
}
const server = tls ? https.createServer(tls, plain) : http.createServer(plain)

server.on('upgrade', (req, socket, head) => {
  const key = req.headers['sec-websocket-key']
  const path = req.url
  if (path === '/reject' || !key || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    return
  }
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const lines = [
    'HTTP/1.1 101 Switching Protocols',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Accept: ${path === '/bad-accept' ? accept('nope') : accept(key)}`,
  ]
  if (path === '/bad-protocol') lines.push('Sec-WebSocket-Protocol: not-offered')
  else if (offered.length > 0) lines.push(`Sec-WebSocket-Protocol: ${offered[0]}`)
  socket.write(lines.join('\r\n') + '\r\n\r\n')
  serve(socket, head, { path, headers: req.headers })
})

function serve(socket, head, request) {
  let buf = head && head.length ? Buffer.from(head) : Buffer.alloc(0)
  let fragments = null // [opcode, Buffer[]] of a message in progress
  let closed = false
  const send = (opcode, payload, fin) => { if (!closed) socket.write(frame(opcode, payload, fin)) }

  function message(opcode, data) {
    if (opcode === 1) {
      const text = data.toString('utf8')
      if (text === 'headers') return send(1, JSON.stringify(request))
      if (text === 'fragmented') {
        send(1, 'fragm', false)
        send(9, 'mid')
        send(0, 'ented ', false)
        send(0, 'reply', true)
        return
      }
      if (text === 'ping') return send(9, 'are you there')
      if (text === 'big') {
        for (const n of [200, 70000]) {
          const b = Buffer.alloc(n)
          for (let i = 0; i < n; i++) b[i] = i % 251
          send(2, b)
        }
        return
      }
      if (text === 'bad-utf8') return send(1, Buffer.from([0x68, 0x69, 0xff, 0xfe]))
      if (text === 'close-me') {
        const p = Buffer.alloc(2)
        p.writeUInt16BE(4001, 0)
        send(8, Buffer.concat([p, Buffer.from('server bye')]))
        closed = true
        return
      }
      if (text === 'drop') return socket.destroy()
    }
    send(opcode, data)
  }

  function parse() {
    for (;;) {
      if (buf.length < 2) return
      const fin = (buf[0] & 0x80) !== 0
      const opcode = buf[0] & 0x0f
      const masked = (buf[1] & 0x80) !== 0
      let len = buf[1] & 0x7f
      let at = 2
      if (len === 126) {
        if (buf.length < 4) return
        len = buf.readUInt16BE(2)
        at = 4
      } else if (len === 127) {
        if (buf.length < 10) return
        len = Number(buf.readBigUInt64BE(2))
        at = 10
      }
      if (!masked) { socket.destroy(); return } // clients must mask
      if (buf.length < at + 4 + len) return
      const mask = buf.subarray(at, at + 4)
      const data = Buffer.from(buf.subarray(at + 4, at + 4 + len))
      for (let i = 0; i < data.length; i++) data[i] ^= mask[i & 3]
      buf = buf.subarray(at + 4 + len)
      if (opcode === 8) {
        // Close: answer with the same code and reason, then end the connection.
        if (!closed) send(8, data)
        closed = true
        socket.end()
        return
      }
      if (opcode === 9) { send(10, data); continue }
      if (opcode === 10) { send(1, `pong:${data.toString('utf8')}`); continue }
      if (opcode === 0) {
        if (!fragments) { socket.destroy(); return }
        fragments[1].push(data)
        if (fin) {
          const [op, parts] = fragments
          fragments = null
          message(op, Buffer.concat(parts))
        }
        continue
      }
      if (fin) message(opcode, data)
      else fragments = [opcode, [data]]
    }
  }

  socket.on('data', (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
    parse()
  })
  socket.on('error', () => {})
  parse()
}

server.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`)
})
