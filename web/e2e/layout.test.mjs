// The web app's layout (issue 18, item 5), checked by reading the files: no browser, no server.
//   - The server's addresses live in src/api.js (the client and the calls the app shell makes)
//     and in each feature's api.js; pages and sections call named functions.
//   - src/components/ holds only widgets shared by two features or more; a section with one
//     parent lives in its feature.
//   - Every feature folder has its api.js.
//   - The messages (src/messages.js and each feature's messages.js) define each key once, in
//     both languages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

const SRC = new URL('../src/', import.meta.url).pathname

// Every source file under `dir` (absolute paths).
function walk(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : /\.(js|mjs|vue)$/.test(name) ? [path] : []
  })
}
const rel = (path) => relative(SRC, path).split(sep).join('/')
const all = walk(SRC)

// The feature a file belongs to ('' outside src/features/).
const featureOf = (path) => rel(path).match(/^features\/([^/]+)\//)?.[1] || ''

// The files `path` imports (static and lazy), resolved to absolute paths.
function imports(path) {
  const text = readFileSync(path, 'utf8')
  const specs = [
    ...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g),
  ].map((m) => m[1])
  return specs.map((s) => resolve(dirname(path), s))
}

test("no /api/v1 address outside src/api.js and the features' api.js", () => {
  const allowed = (r) => r === 'api.js' || /^features\/[^/]+\/api\.js$/.test(r)
  const offenders = all
    .filter((f) => !allowed(rel(f)) && readFileSync(f, 'utf8').includes('/api/v1'))
    .map(rel)
  assert.deepEqual(
    offenders,
    [],
    `these files name server addresses; move them to their feature's api.js`,
  )
})

test('every file in src/components is imported from at least two features', () => {
  const shared = walk(join(SRC, 'components'))
  assert.ok(shared.length > 0, 'src/components holds the shared widgets')
  const importers = new Map(shared.map((c) => [c, new Set()]))
  for (const f of all) {
    const feature = featureOf(f)
    if (!feature) continue
    for (const target of imports(f)) importers.get(target)?.add(feature)
  }
  const single = [...importers]
    .filter(([, fs]) => fs.size < 2)
    .map(([c, fs]) => `${rel(c)} (${[...fs].join(', ') || 'no feature'})`)
  assert.deepEqual(
    single,
    [],
    "a component used by one feature (or none) belongs in that feature's folder",
  )
})

test('every feature folder has an api.js', () => {
  const root = join(SRC, 'features')
  assert.ok(existsSync(root), 'src/features/ exists')
  const features = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory())
  assert.ok(features.length > 0, 'src/features/ holds the features')
  const missing = features.filter((n) => !existsSync(join(root, n, 'api.js')))
  assert.deepEqual(missing, [], 'each feature names its server calls in its own api.js')
})

test('each message key is defined once, in zh-CN and in en', async () => {
  const files = [
    join(SRC, 'messages.js'),
    ...all.filter((f) => /^features\/[^/]+\/messages\.js$/.test(rel(f))),
  ]
  const owner = { 'zh-CN': new Map(), en: new Map() }
  const twice = []
  for (const f of files) {
    const part = (await import(pathToFileURL(f))).default
    assert.deepEqual(Object.keys(part).sort(), ['en', 'zh-CN'], `${rel(f)} has zh-CN and en`)
    for (const [locale, namespaces] of Object.entries(part)) {
      for (const [ns, keys] of Object.entries(namespaces)) {
        for (const k of Object.keys(keys)) {
          const key = `${ns}.${k}`
          if (owner[locale].has(key))
            twice.push(`${locale} ${key}: ${owner[locale].get(key)} and ${rel(f)}`)
          owner[locale].set(key, rel(f))
        }
      }
    }
  }
  assert.deepEqual(twice, [], 'a key defined in two files: one would silently win')
  const zh = [...owner['zh-CN'].keys()].sort()
  const en = [...owner.en.keys()].sort()
  assert.deepEqual(
    zh.filter((k) => !owner.en.has(k)),
    [],
    'every zh-CN key has its English',
  )
  assert.deepEqual(
    en.filter((k) => !owner['zh-CN'].has(k)),
    [],
    'every English key has its zh-CN',
  )
})
