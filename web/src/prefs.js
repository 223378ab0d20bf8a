// The large-text, high-contrast mode (适老化): one tap away in the header of every page,
// remembered on this device and, when signed in, for the person (so it follows them to another
// phone). It sets class "elder" on <html>; style.css does the rest.
import { reactive } from 'vue'
import { savePreferences } from './api.js'

export const prefs = reactive({ large: localStorage.getItem('xinyi.large') === '1' })

export function applyLarge(on) {
  prefs.large = !!on
  localStorage.setItem('xinyi.large', on ? '1' : '0')
  document.documentElement.classList.toggle('elder', !!on)
}

export async function toggleLarge(signedIn) {
  applyLarge(!prefs.large)
  if (signedIn) {
    await savePreferences({ large_text: prefs.large }).catch(() => {})
  }
}

applyLarge(prefs.large)
