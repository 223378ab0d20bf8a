import { createI18n } from 'vue-i18n'

// The messages: the shared ones (./messages.js) and each feature's (features/<feature>/messages.js),
// merged by locale and namespace, so one namespace (svc, say) may take keys from two features.
import shared from './messages.js'
import announcements from './features/announcements/messages.js'
import approvals from './features/approvals/messages.js'
import auth from './features/auth/messages.js'
import charity from './features/charity/messages.js'
import manage from './features/manage/messages.js'
import me from './features/me/messages.js'
import projects from './features/projects/messages.js'
import publicPages from './features/public/messages.js'
import services from './features/services/messages.js'
import surveys from './features/surveys/messages.js'
import votes from './features/votes/messages.js'

const messages = { 'zh-CN': {}, en: {} }
for (const part of [
  shared,
  publicPages,
  auth,
  me,
  votes,
  services,
  surveys,
  announcements,
  projects,
  charity,
  approvals,
  manage,
]) {
  for (const [locale, namespaces] of Object.entries(part)) {
    for (const [ns, keys] of Object.entries(namespaces))
      messages[locale][ns] = { ...messages[locale][ns], ...keys }
  }
}

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('xinyi.lang') : null

export const i18n = createI18n({
  legacy: false,
  locale: saved || 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
})

export function setLocale(l) {
  i18n.global.locale.value = l
  localStorage.setItem('xinyi.lang', l)
  document.documentElement.lang = l
}
