// What the renewal-project and charity pages share: the order of a project's steps, the tag
// colour of each status (always shown with its words), the expense accounts and funding
// sources a budget may use, and whole-percent progress by integer arithmetic.
import { yuan } from '../../api.js'

export const STEPS = [
  'proposed',
  'budgeted',
  'contracted',
  'in_progress',
  'accepting',
  'accepted',
  'settled',
]

const STATUS_TAG = {
  proposed: 'default',
  budgeted: 'primary',
  contracted: 'primary',
  in_progress: 'primary',
  accepting: 'warning',
  accepted: 'success',
  settled: 'success',
  cancelled: 'danger',
}
export const statusType = (s) => STATUS_TAG[s] || 'default'

// Budget lines are booked to one of these expense accounts (5008 更新改造 first: the usual one).
// A choice among those the server allows (any expense account but the trustee's pay), kept here
// because the budget form has no chart at hand: the project page reads no balances.
export const ACCOUNTS = ['5008', '5002', '5003', '5005', '5010']
export const SOURCES = ['common', 'courtyard_surplus', 'charity', 'crowdfunding', 'subsidy']

// Whole percent of a of b, at most 100, by integer division.
export const pct = (a, b) => (b > 0 ? Math.min(100, Math.floor((a * 100) / b)) : 0)

// Axis labels in whole yuan and tooltips in ¥ with fen, for charts whose values are fen.
// Axis ticks stay short on a phone: ¥800, ¥5千, ¥2万 (integer yuan; fen in, display only).
export const axisYuan = (v) => {
  const y = Math.round(v / 100)
  if (y >= 10000 && y % 10000 === 0) return `¥${y / 10000}万`
  if (y >= 1000 && y % 1000 === 0) return `¥${y / 1000}千`
  return `¥${y.toLocaleString('en-US')}`
}
export const tipYuan = (v) => yuan(Math.round(v))

// Newest donations first (by date, then by id).
export const newestFirst = (list) =>
  [...list].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1))
