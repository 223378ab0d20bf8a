// The charity fund: donations, campaigns and what it paid for.
import { api } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}`
const base = (cid) => `/api/v1/compounds/${enc(cid)}`
const post = (path, body) => api(path, { method: 'POST', body })

export const getCharity = (cid) => api(`${pub(cid)}/charity`)
// Every donation with its state (committee, trustee).
export const listDonations = (cid) => api(`${base(cid)}/donations`)
// A resident's offer, or (with donor_name) a donation the committee records as received.
export const postDonation = (cid, body) => post(`${base(cid)}/donations`, body)
export const receiveDonation = (cid, did) =>
  api(`${base(cid)}/donations/${did}/receive`, { method: 'POST' })
export const declineDonation = (cid, did, reason) =>
  post(`${base(cid)}/donations/${did}/decline`, { reason })
export const startCampaign = (cid, body) => post(`${base(cid)}/campaigns`, body)
