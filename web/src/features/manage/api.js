// The desk: bill runs, fee payments and the arrears list; the units; roles, their grants and
// the second person's confirmation.
import { api, apiStatus } from '../../api.js'

const enc = encodeURIComponent
const base = (cid) => `/api/v1/compounds/${enc(cid)}`

// A bill run for `period`; `preview` says what it would bill without billing.
export const runBills = (cid, period, { preview = false } = {}) =>
  api(`${base(cid)}/bill-runs?period=${enc(period)}${preview ? '&preview=1' : ''}`, {
    method: 'POST',
    body: {},
  })
export const getUnitAccount = (cid, uid) => api(`${base(cid)}/units/${uid}/account`)
export const recordPayment = (cid, body) => api(`${base(cid)}/payments`, { method: 'POST', body })
export const getArrears = (cid) => api(`${base(cid)}/arrears`)
export const listUnits = (cid, { limit }) => api(`${base(cid)}/units?limit=${limit}`)

// { grants, pending }: who holds which role, and the grants waiting for a second person.
export const listRoles = (cid) => api(`${base(cid)}/roles`)
// 202: the grant waits for a second person; 201: granted at once (worker, auditor).
export const grantRole = (cid, body) => apiStatus(`${base(cid)}/roles`, { body })
export const revokeRole = (cid, gid) => api(`${base(cid)}/roles/${gid}/revoke`, { method: 'POST' })
export const confirmRoleRequest = (cid, rid) =>
  api(`${base(cid)}/roles/${rid}/confirm`, { method: 'POST' })
export const rejectRoleRequest = (cid, rid) =>
  api(`${base(cid)}/roles/${rid}/reject`, { method: 'POST' })
