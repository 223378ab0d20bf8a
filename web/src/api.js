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

export async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body !== undefined ? { 'Content-Type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  if (res.status === 204) return null
  const type = res.headers.get('content-type') || ''
  const data = type.includes('json') ? await res.json() : await res.text()
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : null)
  return data
}

// Money and area are integers (fen, hundredths of m²); format without floating point.
export function centi(n) {
  const neg = n < 0
  const v = Math.abs(n)
  const whole = Math.floor(v / 100).toLocaleString('en-US')
  const frac = String(v % 100).padStart(2, '0')
  return `${neg ? '-' : ''}${whole}.${frac}`
}
export const yuan = (fen) => (fen < 0 ? `-¥${centi(-fen)}` : `¥${centi(fen)}`)
