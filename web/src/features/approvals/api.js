// The co-managed account's queue: payments and reversals waiting for the trustee's and the
// committee's approvals, and the trustee's request to pay.
import { api } from '../../api.js'

const enc = encodeURIComponent
const base = (cid) => `/api/v1/compounds/${enc(cid)}/disbursements`

// Every request with its approvals and vouchers (the members' view; the public one is in public/).
export const listDisbursements = (cid) => api(base(cid))
export const requestDisbursement = (cid, body) => api(base(cid), { method: 'POST', body })
export const approveDisbursement = (cid, did) =>
  api(`${base(cid)}/${did}/approve`, { method: 'POST' })
export const rejectDisbursement = (cid, did, reason) =>
  api(`${base(cid)}/${did}/reject`, { method: 'POST', body: { reason } })
