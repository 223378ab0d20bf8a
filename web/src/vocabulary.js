// The domain's vocabulary, as the server lists it (GET /public/site): the codes each form
// offers, in the order to offer them — need categories, announcement kinds, the nine vote
// matters (with which of them needs three quarters), the roles. The web keeps only the words
// for each code (its messages); it never keeps its own list of codes. Read once per page load
// and shared; while it is being read the lists are empty (a form has nothing to offer yet), and
// if it could not be read `failed` says so and `retryVocabulary` asks again — no form falls
// back on a list of its own.
import { reactive } from 'vue'
import { getSite } from './api.js'

export const vocabulary = reactive({
  loaded: false,
  failed: false,
  need_categories: [],
  announcement_kinds: [],
  vote_matters: [], // [{ matter, zh, en, special }]
  roles: [],
})

const LISTS = ['need_categories', 'announcement_kinds', 'vote_matters', 'roles']
let site = null // the one request's promise, shared by every caller

// The server's /public/site answer ({ demo, vocabulary }); asked once, again only after a failure.
export function loadSite() {
  if (!site) {
    site = getSite().then(
      (s) => {
        const v = s?.vocabulary
        // An answer without the lists (a server older than them) is a failure, not an empty list.
        if (!v || !LISTS.every((k) => Array.isArray(v[k]))) vocabulary.failed = true
        else {
          for (const k of LISTS) vocabulary[k] = v[k]
          vocabulary.loaded = true
          vocabulary.failed = false
        }
        return s
      },
      (e) => {
        site = null // the next caller asks again
        vocabulary.failed = true
        throw e
      },
    )
  }
  return site
}

// For a form: starts reading the vocabulary if nobody has yet, and answers the shared lists.
export function useVocabulary() {
  loadSite().catch(() => {})
  return vocabulary
}

// After a failure: ask the server again.
export function retryVocabulary() {
  vocabulary.failed = false
  if (!vocabulary.loaded) site = null
  return loadSite().catch(() => {})
}
