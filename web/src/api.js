// The API client: same-origin fetch with the session cookie; problem+json errors become
// ApiError carrying both languages, so pages show the message in the reader's language.
import { i18n } from './i18n.js'

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title_en || `HTTP ${status}`)
    this.status = status
    this.problem = problem || {}
  }
  localized() {
    const zh = i18n.global.locale.value === 'zh-CN'
    const p = this.problem
    const title = (zh ? p.title_zh : p.title_en) || p.title || this.message
    const fields = (p.errors || []).map((e) => `${e.field}: ${zh ? e.zh : e.en}`)
    return fields.length ? `${title}（${fields.join('；')}）` : title
  }
}

// A fresh key per write: if the answer is lost and the same call is retried with it, the server
// applies the write once (crypto.getRandomValues works on plain http too, unlike randomUUID).
function idempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

// The session's CSRF token (me.csrf_token, set by session.js): every signed-in write echoes it.
export const csrf = { token: '' }

// Headers for a write: the CSRF token and a fresh idempotency key.
export function writeHeaders(extra = {}) {
  const h = { ...extra, 'Idempotency-Key': idempotencyKey() }
  if (csrf.token) h['X-CSRF-Token'] = csrf.token
  return h
}

export async function api(path, { method = 'GET', body } = {}) {
  let headers = body !== undefined ? { 'Content-Type': 'application/json' } : {}
  if (method !== 'GET') headers = writeHeaders(headers)
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  if (res.status === 204) return null
  const type = res.headers.get('content-type') || ''
  const data = type.includes('json') ? await res.json() : await res.text()
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : null)
  return data
}

// Like api() for a write, but answers { status, data }: for the calls whose status tells two
// outcomes apart (201 done at once, 202 waiting for a second person).
export async function apiStatus(path, { method = 'POST', body } = {}) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: writeHeaders({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, data)
  return { status: res.status, data }
}

// The calls the app shell makes itself (session.js, live.js, prefs.js, vocabulary.js); each
// feature's own calls are named in its features/<feature>/api.js.
export const getSession = () => api('/api/v1/auth/session')
export const logoutSession = () => api('/api/v1/auth/logout', { method: 'POST' })
export const savePreferences = (body) => api('/api/v1/me/preferences', { method: 'PATCH', body })
// What the server says about itself (vocabulary.js reads it once): { demo: true } only when
// started by `xinyi demo`, and the domain's vocabulary — the codes the forms offer, in order.
export const getSite = () => api('/api/v1/public/site')
// What the signed-in person may do in a compound: "METHOD path" of every route they may use.
export const getAbilities = (cid) => api(`/api/v1/compounds/${enc(cid)}/abilities`)
// The signed-in person's notifications as server-sent events.
export const meEventsUrl = '/api/v1/me/events'

// Money and area are integers (fen, hundredths of m²); format without floating point.
export function centi(n) {
  const neg = n < 0
  const v = Math.abs(n)
  const whole = Math.floor(v / 100).toLocaleString('en-US')
  const frac = String(v % 100).padStart(2, '0')
  return `${neg ? '-' : ''}${whole}.${frac}`
}
export const yuan = (fen) => (fen < 0 ? `-¥${centi(-fen)}` : `¥${centi(fen)}`)
// What a person types in yuan is read by src/money.js's parseAmount (through readAmount in
// src/amounts.js, which also confirms money before it is recorded).
// Fen → the text a yuan input is prefilled with ("3000.00").
export const fenInput = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

// Minutes as hours with one decimal, half up, by integer arithmetic (1,530 min → "25.5").
export function hours(min) {
  const tenths = Math.floor((min * 10 + 30) / 60)
  return `${Math.floor(tenths / 10)}.${tenths % 10}`
}
// Whole percent from a per-thousand figure, half up.
export const percent = (permille) => Math.floor((permille + 5) / 10)
// A date and time in China's zone, the way residents read it (11-24 14:05).
export function when(ms) {
  return new Date(ms).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
}
// Today's date in China's time zone (2026-11-24), and a date `days` later.
export const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
// The day of the time `ms` in China's time zone (2026-11-24).
export const day = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10)
export const addDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10)

// The last month that is over, in China's time zone ("2026-10" during November 2026).
export function lastMonth() {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  const y = d.getUTCFullYear(),
    m = d.getUTCMonth() // m: this month − 1
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`
}

// Files every feature shares: a voucher or photo by its sha256 (public where the server allows
// it), and uploads that answer the sha256 to cite.
const enc = encodeURIComponent
export const voucherUrl = (cid, sha) => `/api/v1/public/compounds/${enc(cid)}/vouchers/${sha}`

// Uploads a photo (JPEG or PNG) to compound `cid`; returns its sha256 to cite.
export async function uploadPhoto(cid, file) {
  const res = await fetch(`/api/v1/compounds/${encodeURIComponent(cid)}/photos`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: writeHeaders({ 'Content-Type': file.type }),
    body: file,
  })
  const data = await res.json()
  if (!res.ok) throw new ApiError(res.status, data)
  return data.sha256
}

// Uploads a voucher (a scan: PDF, JPEG or PNG) to compound `cid`; returns its sha256 to cite.
export async function uploadVoucher(cid, file) {
  const res = await fetch(`/api/v1/compounds/${encodeURIComponent(cid)}/vouchers`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: writeHeaders({ 'Content-Type': file.type }),
    body: file,
  })
  const data = await res.json()
  if (!res.ok) throw new ApiError(res.status, data)
  return data.sha256
}
