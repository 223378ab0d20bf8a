// Signing in, registering and claiming a unit with the invite code from the committee's letter.
import { api } from '../../api.js'

export const login = (body) => api('/api/v1/auth/login', { method: 'POST', body })
export const register = (body) => api('/api/v1/auth/register', { method: 'POST', body })
export const claimUnit = (code) => api('/api/v1/me/claims', { method: 'POST', body: { code } })
