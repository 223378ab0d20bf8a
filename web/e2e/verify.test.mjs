import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { launchBrowser, newPage, startServer } from './harness.mjs'

let server, browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

async function verify(page) {
  await page.locator('[data-test=verify-run]').click()
  const outcome = page.locator('[data-test=verify-outcome]')
  await outcome.waitFor({ timeout: 60000 })
  return {
    outcome: await outcome.innerText(),
    steps: await page.locator('[data-test=verify-step]').allInnerTexts(),
  }
}

test('the browser re-derives the books, then catches an entry edited in the store', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/1')
  await page.locator('[data-test=verify]').waitFor()
  const sth = await (await fetch(server.url + 'api/v1/public/compounds/1/sth')).json()

  let r = await verify(page)
  assert.match(r.outcome, /核验通过/)
  assert.ok(
    r.steps.some((s) => s.includes(`逐笔重算 ${sth.tree_size} 笔账目的哈希，全部一致`)),
    r.steps.join('\n'),
  )
  assert.ok(r.steps.some((s) => s.includes('首次核验')))

  // The second check proves the log extends the head saved by the first.
  r = await verify(page)
  assert.match(r.outcome, /核验通过/)
  assert.ok(
    r.steps.some((s) => s.includes(`看到的 ${sth.tree_size} 笔一致`)),
    r.steps.join('\n'),
  )

  // Someone with access to the database edits entry 3's amounts.
  execFileSync('sqlite3', [
    server.dbPath,
    "UPDATE ledger_entries SET canonical = replace(canonical, 'amount_fen\":', 'amount_fen\":1') WHERE compound_id = 1 AND idx = 3",
  ])
  await new Promise((res) => setTimeout(res, 1200)) // the public answer cache's TTL for writes by other processes
  await page.reload()
  r = await verify(page)
  assert.match(r.outcome, /核验未通过/)
  assert.ok(
    r.steps.some((s) => s.includes('第 3 笔账目与公布的哈希不一致')),
    r.steps.join('\n'),
  )
  assert.ok(
    r.steps.some((s) => s.includes('第 3 笔账目借贷不相等')),
    r.steps.join('\n'),
  )
})
