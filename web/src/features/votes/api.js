// Owners' votes (Art. 278), proposals, committees and tenders; paper ballots and their
// countersignature.
import { api } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}`
const votes = (cid) => `/api/v1/compounds/${enc(cid)}/votes`

export const listVotes = (cid) => api(`${pub(cid)}/votes`)
export const listCommittees = (cid) => api(`${pub(cid)}/committees`)
export const listTenders = (cid) => api(`${pub(cid)}/tenders`)
export const listProposals = (cid) => api(`${pub(cid)}/proposals`)
export const getVote = (cid, vid) => api(`${pub(cid)}/votes/${enc(vid)}`)
export const getVoteReceipts = (cid, vid) => api(`${pub(cid)}/votes/${enc(vid)}/receipts`)

// The signed-in owner's electors and ballot in this vote.
export const getMyVote = (cid, vid) => api(`${votes(cid)}/${enc(vid)}/my`)
export const castBallot = (cid, vid, body) =>
  api(`${votes(cid)}/${enc(vid)}/ballot`, { method: 'POST', body })
export const createVote = (cid, body) => api(votes(cid), { method: 'POST', body })
export const closeVote = (cid, vid) =>
  api(`${votes(cid)}/${enc(vid)}/close`, { method: 'POST', body: {} })

const paper = (cid, vid) => `${votes(cid)}/${enc(vid)}/paper-ballots`
export const listPaperBallots = (cid, vid) => api(paper(cid, vid))
export const enterPaperBallot = (cid, vid, body) => api(paper(cid, vid), { method: 'POST', body })
// The countersignature names the ballot as listed (its entry time): a replaced one is refused.
export const countersignPaperBallot = (cid, vid, ballot, enteredAt) =>
  api(`${paper(cid, vid)}/${ballot}/countersign`, {
    method: 'POST',
    body: { entered_at: enteredAt },
  })
// A ballot's scan through the committee's own route (a secret vote's scans are never public).
export const paperBallotScanUrl = (cid, vid, ballot) => `${paper(cid, vid)}/${ballot}/scan`
