import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
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

test("a compound's public home shows its balances and every entry of its books", async () => {
  const page = await newPage(browser)
  const external = []
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url()) })
  await page.goto(server.url + 'c/5')
  await page.locator('[data-test=balances]').waitFor()
  // The charity fund's own bank account holds what is left of the ¥30,000 raised.
  assert.equal(await page.locator('[data-test=balance-1002]').innerText(), '¥19,700.00')
  const entries = page.locator('[data-test=entry]')
  await entries.first().waitFor()
  assert.equal(await entries.count(), 30)
  assert.match(await page.locator('[data-test=tree-head]').innerText(), /143/)
  // Open the newest entry: its postings balance and its approvals are shown, masked.
  await entries.first().click()
  const text = await entries.first().innerText()
  assert.match(text, /受托人酬金/)
  assert.match(text, /赵\*\*（受托人）/)
  await page.getByText('加载更多').click()
  await page.waitForFunction(() => document.querySelectorAll('[data-test=entry]').length === 60)
  assert.deepEqual(external, [], 'the page loads nothing from other hosts')
})

test('the bank reconciliation shows the one line still under review', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/2')
  await page.locator('[data-test=bank]').first().waitFor()
  assert.match(await page.locator('[data-test=bank]').first().innerText(), /已勾对 \d+ \/ \d+ 笔流水/)
  assert.equal(await page.locator('[data-test=unmatched]').count(), 1)
  assert.match(await page.locator('[data-test=unmatched]').innerText(), /待核实/)
})

test('a pending payment shows what approval it still needs', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/1')
  await page.locator('[data-test=pending]').first().waitFor()
  assert.match(await page.locator('[data-test=pending]').first().innerText(), /还需 1 位委员批准/)
})
