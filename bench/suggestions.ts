// Suggestion detection per client message: the text scan alone, and the whole POST of a client message
// (scan, the client's empty parameters, the insert), over real HTTP against the seeded company.
import { findValues } from '../src/server/modules/suggestions'

const MESSAGES = [
  'Здравствуйте! Мой номер 8 916 123 45 67, почта anna.k@mail.ru',
  'Родилась 12 марта 1990, живу в Казани, мне 34 года',
  'Заказ №48213 не пришёл, трек https://track.example.ru/48213',
  'born March 12, 1990; call me at +7 (903) 111-22-33',
  'Спасибо, всё получилось!',
  'Можно перенести доставку на 2024-06-30? Адрес: ул. Ленина, 5, кв. 12',
]
const RUNS = 300

const at = (times: number[], q: number) =>
  times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(4)

export async function measureSuggestions(base: string, token: string) {
  const scan: number[] = []
  for (let i = 0; i < RUNS * 10; i++) {
    const t = performance.now()
    findValues(MESSAGES[i % MESSAGES.length]!)
    scan.push(performance.now() - t)
  }
  scan.sort((a, b) => a - b)

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const started = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ client: { externalId: 'bench-suggestions' }, message: 'Здравствуйте' }),
  }).then((r) => r.json() as Promise<{ id: string }>)
  const post: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const res = await fetch(`${base}/api/v1/sessions/${started.id}/clients/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: `${MESSAGES[i % MESSAGES.length]} (${i})` }),
    })
    if (res.status !== 201) throw new Error(`client message: ${res.status} ${await res.text()}`)
    post.push(performance.now() - t)
  }
  post.sort((a, b) => a - b)
  const us = (q: number) => (Number(at(scan, q)) * 1000).toFixed(0)
  console.log(
    `\nsuggestions: text scan p50 ${us(0.5)} µs, p95 ${us(0.95)} µs; ` +
      `a client message with detection p50 ${Number(at(post, 0.5)).toFixed(1)} ms, p95 ${Number(at(post, 0.95)).toFixed(1)} ms (${RUNS} messages)`,
  )
}
