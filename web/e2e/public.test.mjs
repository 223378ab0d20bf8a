import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { launchBrowser, newPage, startServer } from './harness.mjs'

let server, browser
const shots = new URL('./screenshots/', import.meta.url).pathname

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  mkdirSync(shots, { recursive: true })
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test("every demo compound's public page renders its balances and both charts; first render is recorded", async () => {
  const timings = {}
  for (const id of [1, 2, 3, 4, 5]) {
    const page = await newPage(browser)
    const t0 = Date.now()
    await page.goto(server.url + `c/${id}`)
    await page.locator('[data-test=balances]').waitFor()
    timings[`c/${id}`] = Date.now() - t0
    for (const chart of ['chart-monthly', 'chart-categories'])
      await page.locator(`[data-test=${chart}] canvas`).first().waitFor()
    assert.match(
      await page.locator('[data-test=chart-monthly]').getAttribute('aria-label'),
      /收入 ¥[\d,]+\.\d\d/,
    )
    await page.close()
  }
  // The first render on loopback (goto → balances shown), and the JavaScript the page loads.
  const dist = new URL('../dist/assets/', import.meta.url).pathname
  const js = Object.fromEntries(
    readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f.replace(/-[\w-]{8}\.js$/, '.js'), statSync(dist + f).size]),
  )
  writeFileSync(
    shots + 'first-render.json',
    JSON.stringify({ timings_ms: timings, js_bytes: js }, null, 2),
  )
})

test('a new transaction shows up on the open page without a reload', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/1')
  await page.locator('[data-test=entry]').first().waitFor()
  const login = await fetch(server.url + 'api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'committee', password: 'xinyi-demo' }),
  })
  const cookie = login.headers.get('set-cookie').split(';')[0]
  const token = (await login.json()).csrf_token
  const res = await fetch(server.url + 'api/v1/compounds/1/ledger/transactions', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: cookie,
      Origin: server.url.replace(/\/$/, ''),
      'X-CSRF-Token': token,
    },
    body: JSON.stringify({
      date: '2026-11-24',
      description: '实时：收到停车费',
      postings: [
        { account: '1001', amount_fen: 8800 },
        { account: '4002', amount_fen: -8800 },
      ],
    }),
  })
  assert.equal(res.status, 201)
  const first = page.locator('[data-test=entry]').first()
  await first.filter({ hasText: '实时：收到停车费' }).waitFor({ timeout: 15000 })
  assert.match(await first.innerText(), /\+¥88\.00/)
})

test('the English switch, phone and desktop screenshots, and the print view', async () => {
  // A small phone (360 px wide, as many in WeChat): nothing wider than the screen.
  const small = await browser.newContext({
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  })
  const phone = await small.newPage()
  await phone.goto(server.url + 'c/5')
  await phone.locator('[data-test=chart-categories] canvas').first().waitFor()
  assert.ok(
    await phone.evaluate(() => document.documentElement.scrollWidth <= 360),
    'the page fits a 360 px screen',
  )
  await phone.screenshot({ path: shots + 'public-phone-zh.png' })
  await phone.locator('[data-test=lang]').click()
  await phone.getByText('Verify the books').waitFor()
  assert.match(await phone.locator('[data-test=balances]').innerText(), /Cumulative income|Income/)
  await phone.locator('[data-test=lang]').click() // back to Chinese for the other tests
  await small.close()

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
  const desk = await ctx.newPage()
  await desk.goto(server.url + 'c/1')
  await desk.locator('[data-test=chart-monthly] canvas').first().waitFor()
  await desk.locator('[data-test=verify-run]').click()
  await desk.locator('[data-test=verify-outcome]').waitFor({ timeout: 60000 })
  await desk.screenshot({ path: shots + 'public-desktop.png', fullPage: false })
  await desk.emulateMedia({ media: 'print' })
  assert.equal(await desk.locator('.van-tabbar').isVisible(), false)
  assert.equal(await desk.locator('[data-test=verify]').isVisible(), false)
  assert.equal(await desk.locator('[data-test=balances]').isVisible(), true)
  await ctx.close()
})
