// Amounts typed by people (issue 17), in the browser: the committee records a fee payment in the
// console. "58,13" (a comma for the dot) is refused under the field and nothing is sent; going
// back from the confirmation sends nothing either; "58.13" is shown as ¥58.13 and 伍拾捌元壹角叁分
// with what the household owes and the part that becomes a prepayment, and once confirmed the
// receipt is for ¥58.13, in the household's account.
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

const yuan = (fen) =>
  `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`

test('a payment typed with a comma is refused; typed right, it is confirmed in figures and capitals and recorded', async () => {
  const page = await newPage(browser)
  await signIn(page, server, 'committee')
  await page.waitForURL(/\/me$/)
  await page.goto(server.url + 'manage/1')
  const form = page.locator('[data-test=payment]')
  await form.locator('[data-test=unit] option').first().waitFor({ state: 'attached' })
  const unitId = await form.locator('[data-test=unit]').inputValue()
  const account = async () =>
    (await page.request.get(server.url + `api/v1/compounds/1/units/${unitId}/account`)).json()
  const before = await account()
  const posted = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/compounds/1/payments'))
      posted.push(r.postDataJSON())
  })

  // 58,13: refused under the field, no confirmation, nothing sent.
  const amount = form.locator('[data-test=amount]')
  await amount.locator('input').fill('58,13')
  await form.locator('[data-test=pay]').click()
  const refusal = amount.locator('.van-field__error-message')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /请用小数点“\.”分隔元和角分，不要用逗号/)
  assert.equal(
    await page.locator('[data-test=money-confirm]').count(),
    0,
    'no confirmation for a refused amount',
  )

  // 58.13: the refusal goes as it is corrected; the confirmation reads it back. Going back sends nothing.
  await amount.locator('input').fill('58.13')
  assert.equal(await refusal.count(), 0)
  await form.locator('[data-test=pay]').click()
  const back = await confirmMoney(page, { confirm: false })
  assert.equal(back.figures, '¥58.13')
  assert.equal(
    await amount.locator('input').inputValue(),
    '58.13',
    'going back keeps what was typed',
  )
  assert.equal(posted.length, 0)
  assert.equal((await account()).payments.length, before.payments.length, 'no payment recorded')

  // Confirmed: what the household owes, and what becomes a prepayment, as the server will book it.
  await form.locator('[data-test=pay]').click()
  const owed = before.owed_fen
  const prepaid = Math.max(0, 5813 - owed)
  const seen = await confirmMoney(page)
  assert.equal(seen.figures, '¥58.13')
  assert.equal(seen.capital, '伍拾捌元壹角叁分')
  assert.ok(seen.text.includes(`${before.courtyard} ${before.label}`), seen.text)
  assert.match(seen.text, new RegExp(`该户待缴\\s*${yuan(owed).replace(/[.$]/g, '\\$&')}`))
  if (owed === 0) assert.match(seen.text, /¥58\.13 全部记为预缴/)
  else if (prepaid > 0)
    assert.ok(
      seen.text.includes(`其中 ${yuan(owed)} 缴清待缴账单，多出的 ${yuan(prepaid)} 记为预缴`),
      seen.text,
    )
  else assert.ok(seen.text.includes(`缴后该户仍欠 ${yuan(owed - 5813)}`), seen.text)

  const receipt = page.locator('[data-test=receipt]')
  await receipt.waitFor()
  assert.match(await receipt.innerText(), /¥58\.13/)
  if (prepaid > 0) assert.ok((await receipt.innerText()).includes(`预存：${yuan(prepaid)}`))
  assert.deepEqual(
    posted.map((b) => b.amount_fen),
    [5813],
    'one payment sent, of 5,813 fen',
  )
  const afterwards = await account()
  assert.equal(afterwards.payments.length, before.payments.length + 1)
  const no = Number((await receipt.innerText()).match(/No\.(\d{6})/)[1])
  assert.equal(afterwards.payments.find((p) => p.receipt_no === no)?.amount_fen, 5813)
  assert.equal(afterwards.prepaid_fen, before.prepaid_fen + prepaid)
  assert.equal(await amount.locator('input').inputValue(), '', 'the form is cleared once recorded')
})

test('a donation typed with a full-width comma is refused under its field; going back from the confirmation records nothing', async () => {
  const page = await newPage(browser)
  await signIn(page, server, 'committee')
  await page.waitForURL(/\/me$/)
  await page.goto(server.url + 'c/5/charity')
  const manage = page.locator('[data-test=charity-manage]')
  await manage.waitFor()
  const posted = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/donations')) posted.push(r.url())
  })
  await manage.locator('[data-test=record-donor] input').fill('宋佳怡')
  const amount = manage.locator('[data-test=record-amount]')
  await amount.locator('input').fill('1，000')
  await manage.locator('[data-test=record-submit]').click()
  assert.match(await amount.locator('.van-field__error-message').innerText(), /不要用逗号/)
  await amount.locator('input').fill('1000')
  await manage.locator('[data-test=record-submit]').click()
  const seen = await confirmMoney(page, { confirm: false })
  assert.deepEqual([seen.figures, seen.capital], ['¥1,000.00', '壹仟元整'])
  assert.match(seen.text, /捐赠人\s*宋佳怡/)
  assert.deepEqual(posted, [], 'nothing sent')
})
