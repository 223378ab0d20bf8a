// The signed-in person's notifications, live: an EventSource on their event stream while signed
// in. `live.unread` drives the bell; `live.latest` is the newest arrival (pages may react to
// it, e.g. an announcements page reloads when an announcement arrives).
import { reactive } from 'vue'
import { meEventsUrl } from './api.js'

export const live = reactive({ unread: 0, latest: null })
let source = null

export function startLive(unread) {
  live.unread = unread || 0
  if (source || typeof EventSource === 'undefined') return
  source = new EventSource(meEventsUrl)
  source.addEventListener('notification', (e) => {
    const n = JSON.parse(e.data)
    live.latest = n
    live.unread += 1
  })
}

export function stopLive() {
  source?.close()
  source = null
  live.unread = 0
  live.latest = null
}
