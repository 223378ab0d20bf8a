// Amounts typed by people, and amounts written out as on a cheque. No imports, so the unit test
// (e2e/money.test.mjs) runs it under plain node; nothing here passes through a floating-point
// number: the text is split at the dot and the digits are read as integers.

// The largest amount a form accepts: ¥99,999,999.99, far above any compound's payment or
// budget (the server has its own, higher limits) and exact as a JavaScript number.
export const MAX_FEN = 9_999_999_999

// Why an amount is refused, in both languages (the page shows the reader's).
const REFUSED = {
  empty: { zh: '请填写金额', en: 'Enter an amount' },
  comma: {
    zh: '请用小数点“.”分隔元和角分，不要用逗号；千位也不要分隔，例如 58.13、1000',
    en: 'Use a dot “.” between yuan and jiao/fen, not a comma, and no thousands separators: e.g. 58.13, 1000',
  },
  fullWidth: {
    zh: '请用半角数字和小数点（把输入法切换到英文），例如 58.13',
    en: 'Use half-width digits and a half-width dot (switch the keyboard to English): e.g. 58.13',
  },
  negative: { zh: '金额不能是负数', en: 'The amount cannot be negative' },
  notDigits: {
    zh: '金额只能写数字和一个小数点，例如 58.13',
    en: 'Only digits and one dot: e.g. 58.13',
  },
  decimals: {
    zh: '最多两位小数（角和分），例如 58.13',
    en: 'At most two decimals (jiao and fen): e.g. 58.13',
  },
  format: { zh: '金额写法不对，请写成 58.13 这样', en: 'Write the amount like 58.13' },
  tooLarge: {
    zh: '金额不能超过 ¥99,999,999.99',
    en: 'The amount cannot be more than ¥99,999,999.99',
  },
  zero: { zh: '金额必须大于 0', en: 'The amount must be more than 0' },
}

// The text without its currency sign (¥ or the full-width ￥ in front, 元 behind) and spaces.
function bare(text) {
  let s = String(text ?? '').trim()
  s = s.replace(/^[¥￥]\s*/, '')
  return s.replace(/\s*元$/, '')
}

// What is wrong with the text before it is read as digits, or null. The order matters: the most
// specific reason comes first (58,13 is refused for its comma, not for being "not digits").
function refusal(s) {
  if (!s) return REFUSED.empty
  // 58,13 would otherwise be read as 5813 (or, in a European habit, as 58.13): either way the
  // person must say which they meant.
  if (/[,，]/.test(s)) return REFUSED.comma
  // A Chinese IME types full-width digits and dots (５８．１３, or 58。13).
  if (/[０-９．。]/.test(s)) return REFUSED.fullWidth
  if (/^[-−－]/.test(s)) return REFUSED.negative
  if (/[^0-9.]/.test(s)) return REFUSED.notDigits
  if (/^\d*\.\d{3,}$/.test(s)) return REFUSED.decimals
  return null
}

// "58.13" → { fen: 5813 }; a refusal → { error: { zh, en } }. Accepts 58, 58.1, 58.13, ¥58.13,
// ￥58.13, 58.13元 and surrounding spaces; zero only when `allowZero`.
export function parseAmount(text, { allowZero = false } = {}) {
  const s = bare(text)
  const why = refusal(s)
  if (why) return { error: why }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s) // "58." and ".5" are refused: say what you mean
  if (!m) return { error: REFUSED.format }
  const whole = m[1].replace(/^0+(?=\d)/, '')
  if (whole.length > 8) return { error: REFUSED.tooLarge } // more than 99,999,999 yuan
  const fen = Number(whole) * 100 + Number((m[2] || '').padEnd(2, '0'))
  if (fen > MAX_FEN) return { error: REFUSED.tooLarge }
  if (fen === 0 && !allowZero) return { error: REFUSED.zero }
  return { fen }
}

const DIGIT = '零壹贰叁肆伍陆柒捌玖'
const PLACE = ['', '拾', '佰', '仟'] // within a group of four digits
const GROUP = ['', '万', '亿', '万亿']

// Fen → the amount in Chinese capitals (大写), as the People's Bank of China's rules for filling
// in cheques and vouchers write it:
// - digits 壹…玖 with 拾佰仟 inside groups of four, 万 and 亿 for the groups; tens are 壹拾
//   (5813 fen → 伍拾捌元壹角叁分, 1000 fen → 壹拾元整), never the spoken 拾元;
// - 整 after 元 when there are no 角 or 分 (10000 → 壹佰元整); none after 角 (1010 → 壹拾元零壹角,
//   which the rules allow) and never after 分;
// - a run of zeros between two non-zero digits is one 零, written just before the next digit,
//   after any 万/亿/元 in between (1005 → 壹拾元零伍分, 100000001 → 壹佰万元零壹分). The rules
//   let two of them be left out, and of the forms they give this takes the first each time:
//   the 零 after a zero 元 digit before a non-zero 角 is written (1010 → 壹拾元零壹角, ¥1,680.32
//   → 壹仟陆佰捌拾元零叁角贰分: nothing can be slipped in before the 角), the one after a zero 万
//   (or 亿) digit before a non-zero 仟 is not (¥107,000.53 → 壹拾万柒仟元零伍角叁分, as it is
//   said); a whole group of zeros is always a 零 (¥100,007,000 → 壹亿零柒仟元整);
// - under one yuan there is no 零元 (58 fen → 伍角捌分); nothing at all is 零元整.
export function capitalYuan(fen) {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`)
  if (fen < 0) return `负${capitalYuan(-fen)}`
  if (fen === 0) return '零元整'
  const s = String(fen).padStart(3, '0')
  const whole = s.slice(0, -2).replace(/^0+/, '')
  let out = ''
  let gap = false // zeros were passed since the last digit written
  const put = (d, unit) => {
    if (d === 0) {
      gap = out !== ''
      return
    }
    out += (gap ? '零' : '') + DIGIT[d] + unit
    gap = false
  }
  let groupHasDigit = false
  for (let i = 0; i < whole.length; i++) {
    const place = whole.length - 1 - i // 0 is 元
    const d = Number(whole[i])
    if (d !== 0) groupHasDigit = true
    put(d, PLACE[place % 4])
    if (place % 4 === 0 && place > 0 && groupHasDigit) {
      out += GROUP[place / 4]
      gap = false // 壹拾万柒仟: zeros closing a group are not read; the next group's own are
    }
    if (place % 4 === 0) groupHasDigit = false
  }
  if (whole) out += '元'
  const jiao = Number(s[s.length - 2])
  const fenDigit = Number(s[s.length - 1])
  put(jiao, '角')
  put(fenDigit, '分')
  return jiao === 0 && fenDigit === 0 ? `${out}整` : out
}
