// The co-managed account on screen (SPEC §4): the trustee asks for a payment from the form,
// refused without a voucher and confirmed in figures and 大写; the committee's approval queue
// shows it with its voucher inline, what it is for and what it still needs; above the threshold
// two committee members approve it, each once, and it is paid into the public books. A reversal
// asked from an entry waits in the same queue as 冲正. The queue passes axe-core.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
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

// A tiny valid PNG (1×1, red): the photo of the invoice.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)
const PURPOSE = '更换院坝排水管道'
const json = async (path) => (await fetch(server.url + path)).json()

// Signs in over HTTP (no browser); answers a function making signed-in calls: { status, body }.
async function as(login) {
  const res = await fetch(server.url + 'api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: 'xinyi-demo' }),
  })
  const cookie = res.headers.get('set-cookie').split(';')[0]
  const token = (await res.json()).csrf_token
  return async (method, path, body) => {
    const r = await fetch(server.url + path.slice(1), {
      method,
      headers: {
        'Content-Type': 'application/json',
        Cookie: cookie,
        Origin: server.url.replace(/\/$/, ''),
        'X-CSRF-Token': token,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: r.status, body: await r.json().catch(() => null) }
  }
}

// A signed-in page that axe-core can run in (the app's Content-Security-Policy forbids the
// injected script otherwise).
async function deskPage(login) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    bypassCSP: true,
  })
  const page = await ctx.newPage()
  page.setDefaultTimeout(15000)
  await signIn(page, server, login)
  await page.waitForURL(/\/me$/)
  return page
}

// A write from inside a signed-in page, as its own scripts would make it; { status, body }.
const post = (page, path, body) =>
  page.evaluate(
    async ({ path, body }) => {
      const token = (await (await fetch('/api/v1/auth/session')).json()).me.csrf_token
      const r = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify(body || {}),
      })
      return { status: r.status, body: await r.json().catch(() => null) }
    },
    { path, body },
  )

test('a payment above the threshold: asked with its voucher, approved by two committee members, paid into the books', async () => {
  // The basic account holds the ¥6,000.00 asked for besides the demo's ¥380.00 already waiting.
  const bal = await json('api/v1/public/compounds/1/balances')
  assert.ok(bal.accounts.find((a) => a.code === '1001').balance_fen >= 600000 + 38000)

  // The trustee opens the queue from 我的 and asks; without a voucher nothing is sent.
  const trustee = await newPage(browser)
  await signIn(trustee, server, 'trustee')
  await trustee.waitForURL(/\/me$/)
  await trustee.locator('[data-test=my-approvals]').filter({ hasText: '桂湖教师院' }).click()
  await trustee.waitForURL(/\/c\/1\/approvals$/)
  const form = trustee.locator('[data-test=request-form]')
  await form.locator('[data-test=req-payee] input').fill('新都区安居修缮队')
  await form.locator('[data-test=req-amount] input').fill('6000.00')
  await form.locator('[data-test=req-purpose] input').fill(PURPOSE)
  await form.locator('[data-test=req-expense]').selectOption('5003')
  assert.match(
    await form.locator('[data-test=req-cash] option[value="1001"]').innerText(),
    /基本户 · ¥[\d,]+\.\d\d/,
  )
  await form.locator('[data-test=req-submit]').click()
  assert.match(await form.locator('[data-test=req-error]').innerText(), /请至少上传一张凭证/)
  assert.equal(await trustee.locator('[data-test=money-confirm]').count(), 0)
  await form
    .locator('[data-test=req-voucher]')
    .setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: PNG })
  await form.locator('[data-test=req-submit]').click()
  const asked = await confirmMoney(trustee)
  assert.deepEqual([asked.figures, asked.capital], ['¥6,000.00', '陆仟元整'])
  assert.match(asked.text, /收款方\s*新都区安居修缮队/)
  assert.match(
    await form.locator('[data-test=req-message]').innerText(),
    /已提交.*还需 2 位委员批准/,
  )
  // His own request carries his approval: no button to approve it again.
  const own = trustee.locator('[data-test=approval]').filter({ hasText: PURPOSE })
  await own.locator('[data-test=approval-mine]').waitFor()
  assert.equal(await own.locator('[data-test=approve]').count(), 0)

  // The committee member opens the queue from the desk: the voucher shows inline, the purpose,
  // the amount in 大写, the trustee's approval and what is still needed; the demo's ¥380 waits too.
  const com = await deskPage('committee')
  await com.goto(server.url + 'manage/1')
  await com.locator('[data-test=approvals-link]').click()
  await com.waitForURL(/\/c\/1\/approvals$/)
  const row = com.locator('[data-test=approval]').filter({ hasText: PURPOSE })
  const img = row.locator('[data-test=voucher-image] img')
  await img.waitFor()
  await com.waitForFunction((el) => el.complete && el.naturalWidth === 1, await img.elementHandle())
  const text = await row.innerText()
  for (const part of [
    '新都区安居修缮队',
    '¥6,000.00',
    '陆仟元整',
    '5003 维修',
    '1001 银行存款·基本户',
    '赵经理（受托人）',
    '还需 2 位委员批准',
  ])
    assert.ok(text.includes(part), part)
  const demo = com.locator('[data-test=approval]').filter({ hasText: '更换 3 栋楼道灯泡' })
  assert.match(await demo.innerText(), /孙师傅[\s\S]*¥380\.00[\s\S]*还需 1 位委员批准/)
  assert.match(await demo.locator('[data-test=voucher-pdf]').innerText(), /打开 PDF 凭证/)

  const axePath = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url))
  await com.addScriptTag({ path: axePath })
  const found = await com.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes[0].target.join(' ')}`),
  )
  assert.deepEqual(found, [])

  // The first approval: confirmed in figures and 大写; one committee member more is needed.
  await row.locator('[data-test=approve]').click()
  assert.equal((await confirmMoney(com)).capital, '陆仟元整')
  assert.match(
    await com.locator('[data-test=approval-result]').innerText(),
    /已批准：新都区安居修缮队 ¥6,000\.00。还需 1 位委员批准/,
  )
  await row.locator('[data-test=approval-mine]').waitFor()
  assert.equal(await row.locator('[data-test=approve]').count(), 0)
  assert.match(await row.locator('[data-test=approval-missing]').innerText(), /还需 1 位委员批准/)
  // …and the server refuses the same person twice.
  const id = await row.getAttribute('data-id')
  const twice = await post(com, `/api/v1/compounds/1/disbursements/${id}/approve`)
  assert.deepEqual([twice.status, twice.body.title_zh], [409, '您已批准过该申请'])

  // The auditor reads along: the request is there, with nothing to press (its "can" is empty).
  const auditor = await newPage(browser)
  await signIn(auditor, server, 'auditor')
  await auditor.waitForURL(/\/me$/)
  await auditor.goto(server.url + 'c/1/approvals')
  const seen = auditor.locator('[data-test=approval]').filter({ hasText: PURPOSE })
  await seen.waitFor()
  assert.equal(await seen.locator('[data-test=approve]').count(), 0)
  assert.equal(await seen.locator('[data-test=reject]').count(), 0)
  await auditor.getByText('批准和驳回由委员和受托人进行').waitFor()

  // The second committee member approves: it is paid and leaves the queue.
  const com2 = await newPage(browser)
  await signIn(com2, server, 'committee2')
  await com2.waitForURL(/\/me$/)
  await com2.goto(server.url + 'c/1/approvals')
  await com2
    .locator('[data-test=approval]')
    .filter({ hasText: PURPOSE })
    .locator('[data-test=approve]')
    .click()
  await confirmMoney(com2)
  const done = com2.locator('[data-test=approval-result]')
  assert.match(
    await done.innerText(),
    /已批准并执行：新都区安居修缮队 ¥6,000\.00，记为第 \d+ 笔账目/,
  )
  await com2
    .locator('[data-test=approval]')
    .filter({ hasText: PURPOSE })
    .waitFor({ state: 'detached' })
  const feed = await json('api/v1/public/compounds/1/feed?limit=5')
  const entry = feed.items.find((e) => e.kind === 'disbursement' && e.description.includes(PURPOSE))
  assert.ok(entry, 'the payment is in the public books')
  assert.ok(entry.postings.some((p) => p.account === '1001' && p.amount_fen === -600000))
  assert.equal(entry.approvals.length, 3)
  assert.equal(
    await done.locator('[data-test=approval-result-entry]').getAttribute('href'),
    `/c/1?entry=${entry.index}`,
  )
  await Promise.all([trustee.close(), com.context().close(), com2.close()])
})

test('a reversal asked from an entry waits in the queue as 冲正; its requester cannot approve it', async () => {
  const feed = await json('api/v1/public/compounds/1/feed?limit=50')
  const entry = feed.items.find((e) => e.kind === 'disbursement' && e.reversed_by === null)
  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + `c/1?entry=${entry.index}`)
  const card = com.locator('[data-test=focused-entry]')
  await card.locator('[data-test=reverse] summary').click()
  await card.locator('[data-test=reverse-submit]').click() // no reason: refused here
  assert.match(await card.locator('[data-test=reverse-error]').innerText(), /请填写冲正理由/)
  await card.locator('[data-test=reverse-reason] textarea').fill('收款方开错发票，退回重开')
  await card.locator('[data-test=reverse-submit]').click()
  assert.match(
    await card.locator('[data-test=reverse-message]').innerText(),
    /冲正申请已提交，等待受托人和委员批准/,
  )
  await card.locator('[data-test=reverse-link]').click()
  await com.waitForURL(/\/c\/1\/approvals$/)
  const row = com
    .locator('[data-test=approval][data-kind=reversal]')
    .filter({ hasText: `冲正第 ${entry.index} 笔账目` })
  await row.waitFor()
  assert.equal((await row.locator('[data-test=approval-kind]').innerText()).trim(), '冲正')
  assert.match(await row.locator('[data-test=approval-purpose]').innerText(), /收款方开错发票/)
  assert.equal(
    await row.locator('[data-test=approval-entry]').getAttribute('href'),
    `/c/1?entry=${entry.index}`,
  )
  assert.match(await row.locator('[data-test=approval-missing]').innerText(), /还需受托人批准/)
  await row.locator('[data-test=approval-own]').waitFor()
  assert.equal(await row.locator('[data-test=approve]').count(), 0)

  // Back at the entry, asking again is refused: the server says it already waits.
  await com.goBack()
  await card.locator('[data-test=reverse] summary').click()
  await card.locator('[data-test=reverse-reason] textarea').fill('再次申请')
  await card.locator('[data-test=reverse-submit]').click()
  assert.match(
    await card.locator('[data-test=reverse-error]').innerText(),
    /该笔账目的冲正申请正在等待批准/,
  )
  await com.close()
})

test("a reversed fee payment's receipt says 已作废 and links the reversal", async () => {
  // The demo owner's paid unit: its payment is reversed through the queue (the committee asks,
  // the trustee and a second committee member approve).
  const owner = await as('13800000001')
  const paid = (await owner('GET', '/api/v1/me/bills')).body
    .flatMap((a) => a.payments.map((p) => ({ ...p, cid: a.compound_id })))
    .find((p) => p.cid === 1)
  const asked = await (
    await as('committee')
  )('POST', `/api/v1/compounds/1/ledger/transactions/${paid.entry_index}/reverse`, {
    reason: '收款记错了户',
  })
  assert.equal(asked.status, 202)
  assert.equal(asked.body.kind, 'reversal')
  for (const who of ['trustee', 'committee2']) {
    const r = await (
      await as(who)
    )('POST', `/api/v1/compounds/1/disbursements/${asked.body.id}/approve`)
    assert.equal(r.status, 200, JSON.stringify(r.body))
  }
  const page = await newPage(browser)
  await signIn(page, server, '13800000001')
  await page.waitForURL(/\/me$/)
  await page.goto(server.url + `receipt/1/${paid.receipt_no}`)
  const banner = page.locator('[data-test=receipt-void]')
  const receipt = await (
    await as('auditor')
  )('GET', `/api/v1/compounds/1/receipts/${paid.receipt_no}`)
  assert.equal(receipt.body.void, true)
  assert.match(
    await banner.innerText(),
    new RegExp(`已作废（第 ${receipt.body.reversal_index} 笔冲正）`),
  )
  assert.equal(
    await banner.locator('[data-test=receipt-reversal]').getAttribute('href'),
    `/c/1?entry=${receipt.body.reversal_index}`,
  )
  await page.close()
})
