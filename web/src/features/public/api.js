// The public books of a compound: anyone may read them (SPEC §1), signed in or not.
import { api, apiStatus } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}`

export const listCompounds = () => api('/api/v1/public/compounds')
// A compound with its courtyards, figures and public roles (other features read it too).
export const getCompound = (cid) => api(pub(cid))

export const getBalances = (cid) => api(`${pub(cid)}/balances`)
export const getTreeHead = (cid) => api(`${pub(cid)}/sth`)
export const listPublicDisbursements = (cid) => api(`${pub(cid)}/disbursements`)
export const getBank = (cid) => api(`${pub(cid)}/bank`)
export const getPublicArrears = (cid) => api(`${pub(cid)}/arrears`)
// A page of entries, newest first: `before` an index (none: from the newest).
export const getFeed = (cid, { before = null, limit }) =>
  api(`${pub(cid)}/feed?limit=${limit}${before !== null ? `&before=${before}` : ''}`)
export const getSettlement = (cid, period) => api(`${pub(cid)}/settlement?period=${period}`)
export const getSurplusPlans = (cid, year) => api(`${pub(cid)}/surplus-plans?year=${year}`)
export const getMonthly = (cid, months) => api(`${pub(cid)}/monthly?months=${months}`)
// New entries as server-sent events.
export const ledgerEventsUrl = (cid) => `${pub(cid)}/events`
export const noticePdfUrl = (cid, { large = false } = {}) =>
  `${pub(cid)}/notice.pdf${large ? '?large=1' : ''}`

// Asking to reverse an entry: 202 a request in the approval queue, 201 the reversal posted.
export const reverseEntry = (cid, index, reason) =>
  apiStatus(`/api/v1/compounds/${enc(cid)}/ledger/transactions/${index}/reverse`, {
    body: { reason },
  })

// What the browser's own verification reads (verify.js fetches these itself, uncached).
export const verifyUrls = {
  head: (cid) => `${pub(cid)}/sth`,
  publicKey: (cid) => `${pub(cid)}/pubkey`,
  ledger: (cid, from, limit) => `${pub(cid)}/ledger?from=${from}&limit=${limit}`,
  consistency: (cid, first, second) =>
    `${pub(cid)}/proof/consistency?first=${first}&second=${second}`,
}
