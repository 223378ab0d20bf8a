import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { confirmMoney, launchBrowser, newPage, signIn, startServer } from './harness.mjs'

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
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url())
  })
  await page.goto(server.url + 'c/5')
  await page.locator('[data-test=balances]').waitFor()
  // The charity fund's own bank account holds what is left of the ¥30,000 raised: ¥30,000 −
  // aid ¥2,000 and ¥1,000 − the children's day ¥1,500 − the flower beds ¥5,800 − the first
  // ¥3,000 of the elder-friendly micro-renewal.
  assert.equal(await page.locator('[data-test=balance-1002]').innerText(), '¥16,700.00')
  const entries = page.locator('[data-test=entry]')
  await entries.first().waitFor()
  assert.equal(await entries.count(), 30)
  const sth = await (await fetch(server.url + 'api/v1/public/compounds/5/sth')).json()
  assert.match(
    await page.locator('[data-test=tree-head]').innerText(),
    new RegExp(`已签名 ${sth.tree_size} 笔`),
  )
  // Open the newest entry: its postings are shown.
  await entries.first().click()
  assert.match(await entries.first().innerText(), /银行存款|库存现金/)
  await page.getByText('加载更多').click()
  await page.waitForFunction(() => document.querySelectorAll('[data-test=entry]').length === 60)
  assert.deepEqual(external, [], 'the page loads nothing from other hosts')
})

test('the public home shows each courtyard carried in, income, costs and carried out', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/3')
  const table = page.locator('[data-test=settlement]')
  await table.waitFor()
  const text = await table.innerText()
  for (const y of ['文庙院', '书院街院', '马家院']) assert.ok(text.includes(y), y)
  assert.match(text, /结转下期/)
  const plans = await page.locator('[data-test=plans]').innerText()
  assert.match(plans, /监控摄像头/)
  assert.match(plans, /每户 100 元家庭财产保险/)
})

test('the bank reconciliation shows the one line still under review', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/2')
  await page.locator('[data-test=bank]').first().waitFor()
  assert.match(
    await page.locator('[data-test=bank]').first().innerText(),
    /已勾对 \d+ \/ \d+ 笔流水/,
  )
  assert.equal(await page.locator('[data-test=unmatched]').count(), 1)
  assert.match(await page.locator('[data-test=unmatched]').innerText(), /待核实/)
})

test('a link to one entry (as on a receipt) opens it, with its approvals masked', async () => {
  const feed = await (await fetch(server.url + 'api/v1/public/compounds/5/feed?limit=200')).json()
  const fee = feed.items.find((e) => e.description.includes('受托人酬金'))
  assert.ok(fee, 'the demo pays the trustee remuneration')
  const page = await newPage(browser)
  await page.goto(server.url + `c/5?entry=${fee.index}`)
  const card = page.locator('[data-test=focused-entry]')
  await card.waitFor()
  const text = await card.innerText()
  assert.match(text, /受托人酬金/)
  assert.match(text, /赵\*\*（受托人）/)
  assert.match(text, /刘\*\*（委员）/)
})

test('a pending payment shows what approval it still needs', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/1')
  await page.locator('[data-test=pending]').first().waitFor()
  assert.match(await page.locator('[data-test=pending]').first().innerText(), /还需 1 位委员批准/)
})

test('the trustee previews and issues a bill run, then records a payment and gets a receipt with a QR code', async () => {
  const page = await newPage(browser)
  await signIn(page, server, 'trustee')
  await page.locator('[data-test=role]').first().waitFor()
  await page.goto(server.url + 'manage/1')
  // A bill run is for this month or the next (China time); the demo has billed up to 2026-11.
  const thisMonth = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)
  await page.locator('[data-test=period] input').fill(thisMonth)
  await page.locator('[data-test=preview]').click()
  await page.locator('[data-test=run-result]').waitFor()
  assert.match(await page.locator('[data-test=run-result]').innerText(), /预览：\s*72 份账单/)
  await page.locator('[data-test=commit]').click()
  await page.getByText('已出账：').waitFor()
  // Issuing the same period again adds nothing.
  await page.locator('[data-test=preview]').click()
  await page.getByText(/预览：\s*0 份账单/).waitFor()
  await page.locator('[data-test=amount] input').fill('100.50')
  await page.locator('[data-test=pay]').click()
  const seen = await confirmMoney(page) // read back in figures and capitals before it is recorded
  assert.deepEqual([seen.figures, seen.capital], ['¥100.50', '壹佰元零伍角'])
  const receipt = page.locator('[data-test=receipt]')
  await receipt.waitFor()
  assert.match(await receipt.innerText(), /收据 No\.\d{6}/)
  assert.match(await receipt.innerText(), /¥100\.50/)
  const qr = await receipt.locator('img').getAttribute('src')
  const res = await fetch(server.url + qr.slice(1))
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type'), /image\/svg\+xml/)
})
