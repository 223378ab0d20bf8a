import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, newPage, signIn, startServer } from './harness.mjs'

let server, browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test('the public list shows the five demo compounds', async () => {
  const page = await newPage(browser)
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(server.url)
  const cards = page.locator('[data-test=compound]')
  await cards.first().waitFor()
  assert.equal(await cards.count(), 5)
  const text = await page.locator('#app').innerText()
  for (const name of ['桂湖教师院', '城北花园', '南街老城院落', '九院合一', '锦苑小区'])
    assert.ok(text.includes(name), name)
  assert.ok(text.includes('钟点式物业'))
  assert.deepEqual(errors, [])
})

test("a compound's public home lists its courtyards", async () => {
  const page = await newPage(browser)
  await page.goto(server.url)
  await page.getByText('九院合一').first().click()
  await page.locator('[data-test=compound-name]').waitFor()
  const text = await page.locator('#app').innerText()
  for (const y of ['桂馨院', '兰苑', '李院']) assert.ok(text.includes(y), y)
  assert.ok(text.includes('北门片区'))
  // Who holds the roles that decide the owners' money, since when, names masked.
  const committee = await page.locator('[data-test=public-role][data-role=committee]').innerText()
  assert.match(committee, /委员[\s\S]*刘\*+（\d{4}-\d\d-\d\d 起，/)
  assert.ok(!text.includes('刘委员'))
})

// The demo's accounts and password are offered on the sign-in page only when the server says it
// runs the demo (GET /api/v1/public/site → {"demo": true}, answered by `xinyi demo`, which the
// harness starts); a server that does not say so (false, an error, no such route) offers nothing.
test('the sign-in page offers the demo accounts only when the server says it runs the demo', async () => {
  const res = await fetch(server.url + 'api/v1/public/site')
  const site = res.ok ? await res.json().catch(() => null) : null
  const page = await newPage(browser)
  await page.goto(server.url + 'login')
  await page.locator('[data-test=login]').waitFor()
  if (site?.demo === true) {
    await page.locator('[data-test=demo-hint]').waitFor()
    assert.match(await page.locator('[data-test=demo-hint]').innerText(), /xinyi-demo/)
  } else {
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('[data-test=demo-hint]').count(), 0)
    assert.ok(!(await page.locator('#app').innerText()).includes('xinyi-demo'))
  }
})

test('a resident signs in and sees their units', async () => {
  const page = await newPage(browser)
  await signIn(page, server, '13800000001')
  await page.locator('[data-test=my-unit]').first().waitFor()
  assert.equal(await page.locator('[data-test=me-name]').innerText(), '王建国')
  const units = await page.locator('[data-test=my-unit]').allInnerTexts()
  assert.equal(units.length, 2)
  assert.ok(units[0].includes('桂湖教师院'))
  assert.ok(units[0].includes('1栋1单元101'))
})

test('a resident sees their bills: one unit paid, the other still owed', async () => {
  const page = await newPage(browser)
  await signIn(page, server, '13800000001')
  const accounts = page.locator('[data-test=unit-account]')
  await accounts.first().waitFor()
  assert.equal(await accounts.count(), 2)
  const first = await accounts.nth(0).innerText()
  assert.match(first, /1栋1单元101/)
  assert.match(first, /2026-11/)
  assert.match(first, /待缴/)
  // 0.50 元/㎡ × 65.45 ㎡ = 32.725 → ¥32.73, rounded once.
  assert.equal(await accounts.nth(0).locator('[data-test=owed]').innerText(), '¥32.73')
  const second = await accounts.nth(1).innerText()
  assert.match(second, /已缴/)
  assert.match(second, /收据 No\.\d{6}/)
  // A receipt of one's own unit can be opened and printed again, with its QR code.
  await accounts.nth(1).locator('[data-test=payment]').first().click()
  const receipt = page.locator('[data-test=receipt]')
  await receipt.waitFor()
  assert.match(await receipt.innerText(), /1栋2单元102/)
  assert.ok(await receipt.locator('img').getAttribute('src'))
})

test('a wrong password is explained in Chinese', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'login')
  await page.locator('[data-test=login] input').fill('13800000001')
  await page.locator('[data-test=password] input').fill('not-the-password')
  await page.locator('[data-test=submit]').click()
  await page.locator('[data-test=error]').waitFor()
  assert.equal(await page.locator('[data-test=error]').innerText(), '账号或密码不正确')
})

test('a resident claims a unit with the paper invite code', async () => {
  assert.ok(server.inviteCode, 'demo prints an invite code')
  const page = await newPage(browser)
  await signIn(page, server, '13800000003')
  await page.locator('[data-test=claim-link]').click()
  await page.locator('[data-test=code] input').fill(server.inviteCode.toLowerCase())
  await page.locator('[data-test=submit]').click()
  await page.locator('[data-test=my-unit]').first().waitFor()
  assert.ok((await page.locator('[data-test=my-unit]').first().innerText()).includes('锦苑小区'))
})

test('the page switches to English', async () => {
  const page = await newPage(browser)
  await page.goto(server.url)
  await page.locator('[data-test=compound]').first().waitFor()
  await page.locator('[data-test=lang]').click()
  await page.getByText('Hourly service').first().waitFor()
})
