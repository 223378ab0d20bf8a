// What residents ask for and what they get: the needs list, the service plan and its
// assignments, visits (check-in, check-out, review, disputes), the monthly posting, meetings.
import { api } from '../../api.js'

const enc = encodeURIComponent
const pub = (cid) => `/api/v1/public/compounds/${enc(cid)}`
const base = (cid) => `/api/v1/compounds/${enc(cid)}`
const post = (path, body) => api(path, { method: 'POST', body })

export const getNeedsSummary = (cid) => api(`${pub(cid)}/needs/summary`)
export const listServicePlans = (cid) => api(`${pub(cid)}/service-plans`)
export const getServiceMonths = (cid, months) => api(`${pub(cid)}/services/months?months=${months}`)
// Planned against delivered for one month ("2026-10").
export const getServiceMonth = (cid, month) => api(`${pub(cid)}/services/monthly?month=${month}`)
export const listMeetings = (cid) => api(`${pub(cid)}/meetings`)

export const listNeeds = (cid, { mine = false } = {}) =>
  api(`${base(cid)}/needs${mine ? '?mine=1' : ''}`)
export const fileNeed = (cid, body) => post(`${base(cid)}/needs`, body)
export const getNeed = (cid, nid) => api(`${base(cid)}/needs/${nid}`)
export const supportNeed = (cid, nid) =>
  api(`${base(cid)}/needs/${nid}/support`, { method: 'POST' })
export const triageNeed = (cid, nid, body) => post(`${base(cid)}/needs/${nid}/triage`, body)

export const publishServicePlan = (cid, body) => post(`${base(cid)}/service-plans`, body)
export const listAssignments = (cid) => api(`${base(cid)}/service-plan/assignments`)
// { item_code, login, assigned }: assigned false takes the item back.
export const setAssignment = (cid, body) => post(`${base(cid)}/service-plan/assignments`, body)

export const listWorkLogs = (cid) => api(`${base(cid)}/work-logs`)
export const listMyWorkLogs = (cid) => api(`${base(cid)}/work-logs?mine=1`)
export const listWorkLogsToReview = (cid) => api(`${base(cid)}/work-logs?to_review=1`)
export const checkIn = (cid, body) => post(`${base(cid)}/work-logs`, body)
export const checkOut = (cid, wid, body) => post(`${base(cid)}/work-logs/${wid}/check-out`, body)
export const reviewVisit = (cid, wid, body) => post(`${base(cid)}/work-logs/${wid}/review`, body)
export const listOpenDisputes = (cid) => api(`${base(cid)}/visit-disputes?open=1`)
export const resolveDispute = (cid, did, body) =>
  post(`${base(cid)}/visit-disputes/${did}/resolve`, body)
export const postServiceMonth = (cid, period) => post(`${base(cid)}/service-postings`, { period })

export const recordMeeting = (cid, body) => post(`${base(cid)}/meetings`, body)
