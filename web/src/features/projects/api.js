// Renewal projects: the public record, and every step the committee, the trustee and staff
// take (budget, vote, quotes, contract, milestones, payments, acceptance, settlement); residents
// follow and pledge. The volunteer teams, shown and run beside the projects.
import { api } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}/projects`
const base = (cid) => `/api/v1/compounds/${enc(cid)}/projects`
const compound = (cid) => `/api/v1/compounds/${enc(cid)}`
const post = (path, body) => api(path, { method: 'POST', body })
const step = (cid, pid, path, body = {}) =>
  api(`${base(cid)}/${enc(pid)}${path}`, { method: 'POST', body })

export const listProjects = (cid) => api(pub(cid))
export const getProject = (cid, pid) => api(`${pub(cid)}/${enc(pid)}`)
export const createProject = (cid, body) => api(base(cid), { method: 'POST', body })

export const followProject = (cid, pid, follow) => step(cid, pid, '/follow', { follow })
export const listPledges = (cid, pid) => api(`${base(cid)}/${enc(pid)}/pledges`)
export const pledge = (cid, pid, body) => step(cid, pid, '/pledges', body)
export const recordPledgePayment = (cid, pid, plid, fen) =>
  step(cid, pid, `/pledges/${plid}/payments`, { amount_fen: fen })
export const markMilestoneDone = (cid, pid, mid, body) =>
  step(cid, pid, `/milestones/${mid}/done`, body)

export const saveBudget = (cid, pid, body) => step(cid, pid, '/budget', body)
export const linkVote = (cid, pid, voteId) => step(cid, pid, '/vote', { vote_id: voteId })
export const addQuote = (cid, pid, body) => step(cid, pid, '/quotes', body)
export const signContract = (cid, pid, body) => step(cid, pid, '/contract', body)
export const addMilestone = (cid, pid, body) => step(cid, pid, '/milestones', body)
// A co-managed disbursement from one budget line and one funding source.
export const requestPayment = (cid, pid, body) => step(cid, pid, '/payments', body)
export const startAcceptance = (cid, pid, body) => step(cid, pid, '/acceptance', body)
export const closeAcceptance = (cid, pid) => step(cid, pid, '/acceptance/close')
export const rejectWork = (cid, pid, reason) => step(cid, pid, '/acceptance/reject', { reason })
export const signoff = (cid, pid) => step(cid, pid, '/signoff')
export const settle = (cid, pid) => step(cid, pid, '/settle')
export const cancelProject = (cid, pid, reason) => step(cid, pid, '/cancel', { reason })
// The crowdfunding the work did not use, back to the households (a co-managed payment).
export const refundCrowdfunding = (cid, pid) => step(cid, pid, '/crowdfunding-refund')

// Members of the compound read the volunteers with the members' list; anyone else the public view.
export const listVolunteers = (cid) => api(`${compound(cid)}/volunteers`)
export const listPublicVolunteers = (cid) => api(`/api/v1/public/compounds/${enc(cid)}/volunteers`)
export const createVolunteerTeam = (cid, body) => post(`${compound(cid)}/volunteer-teams`, body)
export const addVolunteerMember = (cid, tid, name) =>
  post(`${compound(cid)}/volunteer-teams/${tid}/members`, { name })
export const joinVolunteerTeam = (cid, tid) =>
  api(`${compound(cid)}/volunteer-teams/${tid}/join`, { method: 'POST' })
export const recordVolunteerActivity = (cid, body) =>
  post(`${compound(cid)}/volunteer-activities`, body)
