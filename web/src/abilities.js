// What the signed-in person may do in a compound, as the server's route table says
// (the compound's abilities: "POST announcements", "GET votes/{id}/paper-ballots" …).
// Pages ask this instead of deciding from roles, so they never offer what the server refuses.
// The views of one thing say more precisely what may be done with it (their "can").
import { reactive } from 'vue'
import { getAbilities } from './api.js'

const byCompound = reactive({}) // compound id → Set of "METHOD path"

// Reads (again) what the signed-in person may do in `cid`; nothing when signed out.
export async function loadAbilities(cid) {
  const key = String(cid)
  try {
    byCompound[key] = new Set((await getAbilities(key)).can)
  } catch {
    byCompound[key] = new Set()
  }
  return byCompound[key]
}

// Whether the person may use that route in `cid` (false until loadAbilities has answered).
export const mayIn = (cid, step) => !!byCompound[String(cid)]?.has(step)
