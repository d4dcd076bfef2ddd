import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The floor to compare against: two pages with nothing but RTCPeerConnection, signaling
 * over the smallest possible relay (every text frame goes to every other socket).
 * The "callee" plays the agent: `__start()` is its accept. The "caller" plays the kiosk:
 * camera already open, it makes the offer and records its first decoded remote frame.
 */
const PAGE = `<!doctype html><meta charset="utf-8"><title>raw WebRTC</title>
<video id="remote" autoplay playsinline muted></video>
<script type="module">
const role = new URLSearchParams(location.search).get('role');
const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
const ws = new WebSocket('ws://' + location.host + '/relay');
await new Promise((done) => ws.addEventListener('open', done, { once: true }));
let pc;
const send = (message) => ws.send(JSON.stringify(message));
function makePeer() {
  pc = new RTCPeerConnection({ iceServers: [] });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  pc.onicecandidate = (event) => { if (event.candidate) send({ candidate: event.candidate.toJSON() }); };
  pc.ontrack = (event) => {
    const video = document.getElementById('remote');
    if (video.srcObject) return;
    video.srcObject = event.streams[0];
    video.requestVideoFrameCallback(() => { window.__firstFrameAt = Date.now(); });
  };
}
ws.addEventListener('message', async ({ data }) => {
  const message = JSON.parse(data);
  if (message.start && role === 'caller') {
    makePeer();
    await pc.setLocalDescription(await pc.createOffer());
    send({ description: pc.localDescription.toJSON() });
  } else if (message.description) {
    if (!pc) makePeer();
    await pc.setRemoteDescription(message.description);
    if (message.description.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      send({ description: pc.localDescription.toJSON() });
    }
  } else if (message.candidate && pc) {
    await pc.addIceCandidate(message.candidate);
  }
});
window.__start = () => { window.__startAt = Date.now(); send({ start: true }); };
window.__ready = true;
</script>`;

export interface RawRelay {
  url: string;
  stop(): Promise<void>;
}

export async function startRawRelay(): Promise<RawRelay> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  const wss = new WebSocketServer({ server: http, path: '/relay' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      for (const other of sockets) if (other !== ws) other.send(data, { binary: isBinary });
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}
