// The signed-in person's own things: bills, receipts, donations, notifications, their data.
// (Their preferences are saved through src/api.js, which the large-text switch shares.)
import { api } from '../../api.js'

const enc = encodeURIComponent

export const listMyBills = () => api('/api/v1/me/bills')
export const listMyDonations = () => api('/api/v1/me/donations')
export const getMyReceipt = (cid, no) => api(`/api/v1/me/receipts/${enc(cid)}/${enc(no)}`)
export const listNotifications = (limit) => api(`/api/v1/me/notifications?limit=${limit}`)
export const readAllNotifications = () =>
  api('/api/v1/me/notifications/read', { method: 'POST', body: { all: true } })
export const deleteAccount = (password) =>
  api('/api/v1/me/delete', { method: 'POST', body: { password } })
// Everything stored about the person, as a JSON download.
export const exportUrl = '/api/v1/me/export'
