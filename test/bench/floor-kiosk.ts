import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUNDLED_QUESTIONNAIRES, DEFAULT_FULL_QUESTIONNAIRE_ID } from '../../src/domain/questionnaires/index.ts';

/**
 * The kiosk benchmark's floor: the simplest page a person would write by hand for the same questionnaire.
 * One HTML file with its script inline, a ten-line service worker so it starts offline, a welcome
 * screen, a service-field question, one screen per element, and a submit that saves one record to
 * IndexedDB. No framework, no validation, no sync. It carries the same user-timing names as the kiosk
 * (welcome painted through Element Timing, submit → commit as a measure), so one measuring script
 * serves both.
 */

const SERVICE_FIELDS = ['Hộ tịch', 'Đất đai', 'Xây dựng', 'Đăng ký kinh doanh', 'Lao động – Thương binh và Xã hội', 'Tư pháp', 'Y tế', 'Giáo dục'];
const LEVELS = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];

function floorHtml(): string {
  const questionnaire = BUNDLED_QUESTIONNAIRES.find((candidate) => candidate.id === DEFAULT_FULL_QUESTIONNAIRE_ID)!;
  const elements = questionnaire.elements.map((element) => ({
    title: element.title.vi,
    criteria: element.criteria.map((criterion) => ({ id: criterion.id, text: criterion.text.vi })),
  }));
  const data = JSON.stringify({ elements, fields: SERVICE_FIELDS, levels: LEVELS });
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đánh giá sự hài lòng</title>
<style>
body{font-family:sans-serif;margin:0;padding:24px;font-size:20px}
button{font-size:20px;padding:12px 20px;margin:4px;min-height:48px}
[aria-checked=true]{background:#1d4ed8;color:#fff}
fieldset{border:0;margin:0 0 16px;padding:0}
</style></head>
<body><main id="app"><h1 elementtiming="sipas:welcome-painted">Xin mời Ông/Bà đánh giá</h1><button id="start">Bắt đầu đánh giá</button></main>
<script>
const survey = ${data};
const app = document.getElementById('app');
let answers = {};
let screen = 0;
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js');
performance.mark('sipas:welcome-shown');
function choice(name, label, onPick) {
  const button = document.createElement('button');
  button.setAttribute('role', 'radio');
  button.setAttribute('aria-checked', 'false');
  button.textContent = label;
  button.onclick = () => {
    for (const other of button.parentElement.querySelectorAll('[role=radio]')) other.setAttribute('aria-checked', 'false');
    button.setAttribute('aria-checked', 'true');
    onPick();
  };
  return button;
}
function row(legend, onPick, labels) {
  const set = document.createElement('fieldset');
  set.setAttribute('role', 'radiogroup');
  const title = document.createElement('legend');
  title.textContent = legend;
  set.append(title, ...labels.map((label, index) => choice(legend, label, () => onPick(index))));
  return set;
}
function show() {
  app.textContent = '';
  const heading = document.createElement('h1');
  const next = document.createElement('button');
  if (screen === 0) {
    heading.textContent = 'Lĩnh vực thủ tục';
    app.append(heading, row('Ông/Bà đến làm thủ tục thuộc lĩnh vực nào?', (index) => { answers.field = survey.fields[index]; }, survey.fields));
  } else {
    const element = survey.elements[screen - 1];
    heading.textContent = 'Yếu tố ' + screen + '/' + survey.elements.length + ': ' + element.title;
    app.append(heading, ...element.criteria.map((criterion) => row(criterion.text, (index) => { answers[criterion.id] = index + 1; }, survey.levels)));
  }
  const last = screen === survey.elements.length;
  next.textContent = last ? 'Gửi đánh giá' : 'Tiếp tục';
  next.onclick = last ? submit : () => { screen += 1; show(); };
  app.append(next);
}
function submit() {
  performance.mark('sipas:submit-tapped');
  const open = indexedDB.open('floor-kiosk', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('responses', { keyPath: 'id' });
  open.onsuccess = () => {
    const transaction = open.result.transaction('responses', 'readwrite');
    transaction.objectStore('responses').put({ id: crypto.randomUUID(), at: new Date().toISOString(), answers });
    transaction.oncomplete = () => {
      performance.measure('sipas:submit-to-commit', 'sipas:submit-tapped');
      open.result.close();
      app.innerHTML = '<h1>Xin cảm ơn Ông/Bà!</h1><button id="done">Xong</button>';
      document.getElementById('done').onclick = () => location.reload();
    };
  };
}
document.getElementById('start').onclick = () => { answers = {}; screen = 0; show(); };
</script></body></html>`;
}

const SERVICE_WORKER = `const CACHE = 'floor-v1';
self.addEventListener('install', (event) => event.waitUntil(caches.open(CACHE).then((cache) => cache.add('/kiosk')).then(() => self.skipWaiting())));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request))));
`;

export interface FloorServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves the hand-written page at /kiosk and its worker at /sw.js, on loopback. */
export async function startFloorServer(): Promise<FloorServer> {
  const html = floorHtml();
  const server: Server = createServer((request, response) => {
    if (request.url === '/sw.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(SERVICE_WORKER);
    } else if (request.url?.startsWith('/kiosk')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
