// Who is signed in, shared by every page. `me` is null when signed out.
import { reactive } from 'vue'
import { csrf, getSession, logoutSession } from './api.js'
import { startLive, stopLive } from './live.js'
import { applyLarge } from './prefs.js'

export const session = reactive({ me: null, loaded: false })

export async function refreshMe() {
  try {
    const s = await getSession()
    session.me = s.signed_in ? s.me : null
    csrf.token = session.me?.csrf_token || ''
    if (session.me) {
      if (session.me.large_text) applyLarge(true)
      startLive(session.me.unread)
    } else stopLive()
  } finally {
    session.loaded = true
  }
  return session.me
}

export async function logout() {
  await logoutSession()
  session.me = null
  csrf.token = ''
  stopLive()
}
