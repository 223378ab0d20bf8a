// Amounts in the forms: reading what a person typed (src/money.js, with its refusal in the
// reader's language), and a last look before money is recorded. A slip of one digit or a comma
// for a dot is easy to miss in figures, and hard to miss in words: the confirmation shows the
// amount both ways, as a cheque does, with who it is for and, for a household's fees, what the
// household owes and which part of the amount becomes a prepayment.
import { h } from 'vue'
import { showConfirmDialog } from 'vant'
import { yuan } from './api.js'
import { i18n } from './i18n.js'
import { capitalYuan, parseAmount } from './money.js'

const zh = () => i18n.global.locale.value === 'zh-CN'

// The typed text → { fen, error: '' }, or { fen: null, error } with the reason to show under
// the field. Options as parseAmount's ({ allowZero }).
export function readAmount(text, options) {
  const r = parseAmount(text, options)
  if (r.error) return { fen: null, error: zh() ? r.error.zh : r.error.en }
  return { fen: r.fen, error: '' }
}

// For a payment to a household that owes `owedFen`: what the payment settles, and the part
// beyond it that is kept as a prepayment (预缴) for the bills to come.
function owedLines(t, fen, owedFen) {
  const owed = Math.max(0, owedFen)
  const lines = [[t('money.owed'), yuan(owed), 'money-owed']]
  let note
  if (owed === 0) note = t('money.allPrepaid', { amount: yuan(fen) })
  else if (fen > owed) note = t('money.partPrepaid', { owed: yuan(owed), extra: yuan(fen - owed) })
  else if (fen === owed) note = t('money.settlesAll')
  else note = t('money.stillOwed', { rest: yuan(owed - fen) })
  return { lines, note }
}

const row = ([label, value, test]) =>
  h('div', { class: 'money-row', 'data-test': test }, [
    h('span', { class: 'money-label' }, label),
    h('b', value),
  ])

// Asks the person to confirm `fen` before it is recorded; true when they do, false when they go
// back to the form. `rows` are [label, value] pairs (the household, the payee, the method…);
// `owedFen`, for a fee payment, is what the household owes before it; `note` replaces the
// reminder that what is recorded goes into the public books (for a request or an offer).
export async function confirmMoney({ title, fen, rows = [], owedFen = null, note = '' }) {
  const t = i18n.global.t
  const owed = owedFen === null ? null : owedLines(t, fen, owedFen)
  const message = () =>
    h('div', { class: 'money-confirm', 'data-test': 'money-confirm' }, [
      row([t('money.figures'), yuan(fen), 'money-figures']),
      row([t('money.capital'), capitalYuan(fen), 'money-capital']),
      ...rows.map((r) => row(r)),
      ...(owed ? owed.lines.map(row) : []),
      owed && h('p', { class: 'money-note', 'data-test': 'money-split' }, owed.note),
      h(
        'p',
        { class: 'money-check' },
        [t('money.check'), note || t('money.booked')].join(zh() ? '' : ' '),
      ),
    ])
  try {
    await showConfirmDialog({
      title,
      message,
      messageAlign: 'left',
      className: 'money-dialog',
      confirmButtonText: t('money.confirm'),
      cancelButtonText: t('money.back'),
    })
    return true
  } catch {
    return false // 返回修改: the form keeps what was typed
  }
}
