// Announcements: the list for where the person lives, posting one, reading, confirming and
// withdrawing one, and who has read and confirmed it.
import { api } from '../../api.js'

const enc = encodeURIComponent
const list = (cid) => `/api/v1/compounds/${enc(cid)}/announcements`
const one = (cid, aid) => `${list(cid)}/${enc(aid)}`

export const listAnnouncements = (cid) => api(list(cid))
export const postAnnouncement = (cid, body) => api(list(cid), { method: 'POST', body })
export const getAnnouncement = (cid, aid) => api(one(cid, aid))
export const getAnnouncementStats = (cid, aid) => api(`${one(cid, aid)}/stats`)
export const markAnnouncementRead = (cid, aid) => api(`${one(cid, aid)}/read`, { method: 'POST' })
export const confirmAnnouncement = (cid, aid) => api(`${one(cid, aid)}/confirm`, { method: 'POST' })
export const withdrawAnnouncement = (cid, aid) =>
  api(`${one(cid, aid)}/withdraw`, { method: 'POST' })
