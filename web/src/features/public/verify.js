// Verifying a compound's public log in the browser, trusting nothing but the signature.
//
// What is checked, in order (each step reports in plain words, see VerifyPanel.vue):
//   1. the signed tree head: Ed25519 over the RFC 8785 text of {compound_id, root, timestamp,
//      tree_size}, with the compound's public key (pinned in this browser on first use);
//   2. every entry: its leaf hash recomputed as SHA-256(0x00 ‖ canonical text), and its postings
//      summing to zero fen;
//   3. the root recomputed from all leaves (RFC 9162 §2.1.1) equals the signed root;
//   4. the log extends the head this browser saw on its last visit (an RFC 9162 consistency
//      proof), so history was not rewritten in between.
// SHA-256 and Ed25519 come from WebCrypto where the page has it (a secure context) and from
// @noble/hashes and @noble/ed25519 (audited, dependency-free) where it does not (plain http on
// a LAN address, some in-app browsers).
import * as ed from '@noble/ed25519'
import { sha256 as nobleSha256 } from '@noble/hashes/sha256'
import { sha512 } from '@noble/hashes/sha512'
import { verifyUrls } from './api.js'

ed.etc.sha512Sync = (...m) => sha512(ed.etc.concatBytes(...m))

const enc = new TextEncoder()
const subtle = globalThis.crypto?.subtle

async function sha256(bytes) {
  if (subtle) return new Uint8Array(await subtle.digest('SHA-256', bytes))
  return nobleSha256(bytes)
}
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
export const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
export function fromHex(s) {
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16)
  return out
}
const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i])

export const leafHash = (canonical) => sha256(concat(new Uint8Array([0]), enc.encode(canonical)))
export const nodeHash = (l, r) => sha256(concat(new Uint8Array([1]), l, r))

// MTH over leaf hashes: complete subtrees merged left to right, then folded from the right,
// which is the RFC's split at the largest power of two below n.
export async function merkleRoot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array())
  const stack = []
  for (const leaf of leaves) {
    let node = { h: leaf, size: 1 }
    while (stack.length && stack[stack.length - 1].size === node.size) {
      const left = stack.pop()
      node = { h: await nodeHash(left.h, node.h), size: node.size * 2 }
    }
    stack.push(node)
  }
  let h = stack.pop().h
  while (stack.length) h = await nodeHash(stack.pop().h, h)
  return h
}

// RFC 9162 §2.1.4.2.
export async function verifyConsistency(first, second, firstHash, secondHash, proof) {
  if (first === second) return proof.length === 0 && equal(firstHash, secondHash)
  if (first === 0) return true
  if (first > second || proof.length === 0) return false
  let path = proof.slice()
  if ((first & (first - 1)) === 0) path = [firstHash, ...path]
  let fn = first - 1
  let sn = second - 1
  while (fn & 1) {
    fn >>= 1
    sn >>= 1
  }
  let fr = path[0]
  let sr = path[0]
  for (const c of path.slice(1)) {
    if (sn === 0) return false
    if (fn & 1 || fn === sn) {
      fr = await nodeHash(c, fr)
      sr = await nodeHash(c, sr)
      if (!(fn & 1))
        while (!(fn & 1) && fn !== 0) {
          fn >>= 1
          sn >>= 1
        }
    } else {
      sr = await nodeHash(sr, c)
    }
    fn >>= 1
    sn >>= 1
  }
  return sn === 0 && equal(fr, firstHash) && equal(sr, secondHash)
}

async function verifySignature(publicB64, signatureB64, message) {
  const pub = fromB64(publicB64)
  const sig = fromB64(signatureB64)
  const msg = enc.encode(message)
  if (subtle) {
    try {
      const key = await subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify'])
      return await subtle.verify({ name: 'Ed25519' }, key, sig, msg)
    } catch {
      // This browser's WebCrypto has no Ed25519: fall through to the library.
    }
  }
  try {
    return ed.verify(sig, msg, pub)
  } catch {
    return false
  }
}

// The RFC 8785 text the server signs (integers, and a hex string that needs no escaping).
export const headMessage = (h) =>
  `{"compound_id":${h.compound_id},"root":"${h.root}","timestamp":${h.timestamp},"tree_size":${h.tree_size}}`

async function getJson(url) {
  const res = await fetch(url, { cache: 'no-store' })
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return res.json()
}

// Runs every check; `step(key, ok, params)` reports each as it completes, `progress(done, total)`
// the entries. Returns true when everything held.
export async function verifyCompound(
  cid,
  { step, progress = () => {}, storage = globalThis.localStorage } = {},
) {
  const [head, key] = await Promise.all([
    getJson(verifyUrls.head(cid)),
    getJson(verifyUrls.publicKey(cid)),
  ])
  let ok = true
  const report = (name, good, params = {}) => {
    ok = ok && good
    step(name, good, params)
  }

  // 1. The key, pinned on first use, and the head's signature.
  const pinKey = `xinyi.pubkey.${cid}`
  const pinned = storage?.getItem(pinKey)
  const publicKey = key.public_key
  if (pinned && pinned !== publicKey) report('keyChanged', false)
  else {
    if (!pinned) storage?.setItem(pinKey, publicKey)
    report(pinned ? 'keySame' : 'keyPinned', true)
  }
  report(
    'signature',
    head.compound_id === Number(cid) &&
      (await verifySignature(publicKey, head.signature, headMessage(head))),
    { n: head.tree_size },
  )

  // 2. Every entry, page by page.
  const leaves = []
  let badLeaf = null
  let unbalanced = null
  for (let from = 0; from < head.tree_size;) {
    const page = await getJson(verifyUrls.ledger(cid, from, 1000))
    const before = leaves.length
    for (const e of page.entries) {
      if (e.index !== leaves.length) {
        badLeaf ??= e.index
        continue
      }
      const h = await leafHash(e.canonical)
      if (toHex(h) !== e.leaf_hash) badLeaf ??= e.index
      try {
        const t = JSON.parse(e.canonical)
        const sum = (t.postings || []).reduce((s, p) => s + p.amount_fen, 0)
        if (sum !== 0 || !(t.postings || []).length) unbalanced ??= e.index
      } catch {
        unbalanced ??= e.index
      }
      leaves.push(h)
    }
    if (leaves.length === before) {
      badLeaf ??= leaves.length
      break
    } // an entry is missing: the log has a hole
    from = leaves.length
    progress(Math.min(leaves.length, head.tree_size), head.tree_size)
  }
  const complete = leaves.length >= head.tree_size
  report('entries', complete && badLeaf === null, {
    n: Math.min(leaves.length, head.tree_size),
    index: badLeaf ?? leaves.length,
  })
  report('balanced', unbalanced === null, { index: unbalanced })

  // 3. The root from every leaf.
  const root = await merkleRoot(leaves.slice(0, head.tree_size))
  report('root', toHex(root) === head.root, { root: head.root.slice(0, 16) })

  // 4. Consistency with the head seen last time.
  const seenKey = `xinyi.sth.${cid}`
  const seen = JSON.parse(storage?.getItem(seenKey) || 'null')
  if (seen && seen.tree_size > 0 && seen.tree_size <= head.tree_size) {
    const proof = await getJson(verifyUrls.consistency(cid, seen.tree_size, head.tree_size))
    const good = await verifyConsistency(
      seen.tree_size,
      head.tree_size,
      fromHex(seen.root),
      fromHex(head.root),
      proof.path.map(fromHex),
    )
    report('consistent', good, {
      n: seen.tree_size,
      when: new Date(seen.timestamp).toLocaleString(),
    })
  } else if (seen && seen.tree_size > head.tree_size) {
    report('consistent', false, {
      n: seen.tree_size,
      when: new Date(seen.timestamp).toLocaleString(),
    })
  } else {
    report('firstVisit', true, {})
  }
  if (ok)
    storage?.setItem(
      seenKey,
      JSON.stringify({ tree_size: head.tree_size, root: head.root, timestamp: head.timestamp }),
    )
  return ok
}
