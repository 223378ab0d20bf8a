// Announcements, live notifications and the large-text mode in the browser: a committee member
// posts a notice asking for confirmation, the demo owner sees it arrive live and confirms, the
// count rises; every resident page passes axe-core (no serious or critical violation) in the
// normal and the large-text mode.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
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

test('a committee member posts a notice to confirm; the resident sees it live and confirms; the count rises', async () => {
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.locator('[data-test=my-notices]').first().click()
  await owner.locator('[data-test=announcement]').first().waitFor()
  const unreadBefore = Number(await owner.locator('[data-test=unread]').innerText())
  // The server's route table says a resident may not post here: no form to post with.
  assert.equal(await owner.locator('[data-test=ann-form]').count(), 0)

  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + 'c/1/notices')
  await com.locator('[data-test=ann-form]').waitFor()
  await com.locator('[data-test=ann-title] input').fill('电梯检修通知')
  await com
    .locator('[data-test=ann-body] textarea')
    .fill('本周六 8:00–12:00 电梯检修停用，行动不便的住户请联系网格员。')
  await com.locator('[data-test=ann-confirm]').check()
  await com.locator('[data-test=ann-post]').click()
  await com.locator('[data-test=announcement]').filter({ hasText: '电梯检修通知' }).waitFor()

  // Live, without a reload: the arrival banner, the bell, and the list.
  await owner.locator('[data-test=arrival]').filter({ hasText: '电梯检修通知' }).waitFor()
  assert.equal(Number(await owner.locator('[data-test=unread]').innerText()), unreadBefore + 1)
  const card = owner.locator('[data-test=announcement]').filter({ hasText: '电梯检修通知' })
  await card.waitFor()
  assert.match(await card.locator('[data-test=ann-state]').innerText(), /请确认/)
  await card.click()
  await owner.locator('[data-test=notice-confirm]').click()
  await owner.locator('[data-test=notice-confirmed]').waitFor()
  // The resident has nothing to withdraw and no counts to see: the page offers what "can" says.
  assert.equal(await owner.getByRole('button', { name: '撤回' }).count(), 0)
  assert.equal(await owner.locator('[data-test=notice-stats]').count(), 0)

  // The poster's count: 王建国's two households are confirmed.
  await com.locator('[data-test=announcement]').filter({ hasText: '电梯检修通知' }).click()
  const stats = com.locator('[data-test=notice-stats]')
  await stats.waitFor()
  assert.match(await stats.innerText(), /已确认 2 \/ 共 72 户/)
  assert.match(await stats.innerText(), /尚未确认的住户/)
  // The poster may withdraw it; nothing to confirm, it is not addressed to them as a resident.
  await com.getByRole('button', { name: '撤回' }).waitFor()
  assert.equal(await com.locator('[data-test=notice-confirm]').count(), 0)
})

test('the large-text mode is one tap away and remembered for the person', async () => {
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.locator('[data-test=elder-toggle]').click()
  assert.equal(
    await owner.evaluate(() => document.documentElement.classList.contains('elder')),
    true,
  )
  await owner.waitForFunction(
    async () => (await (await fetch('/api/v1/me')).json()).large_text === true,
  )
  // Another phone: after signing in, the mode follows the person.
  const other = await newPage(browser)
  await signIn(other, server, '13800000001')
  await other.waitForURL(/\/me$/)
  await other.waitForFunction(() => document.documentElement.classList.contains('elder'))
  await other.locator('[data-test=elder-toggle]').click()
  assert.equal(
    await other.evaluate(() => document.documentElement.classList.contains('elder')),
    false,
  )
})

test('resident pages pass axe-core in the normal and the large-text mode', async () => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    bypassCSP: true,
  })
  const page = await ctx.newPage()
  page.setDefaultTimeout(15000)
  await signIn(page, server, '13800000001')
  await page.waitForURL(/\/me$/)
  const axePath = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url))
  const problems = []
  for (const large of [false, true]) {
    for (const path of [
      '',
      'c/1',
      'me',
      'c/1/notices',
      'c/1/notices/1',
      'c/1/needs',
      'c/1/visits',
      'c/1/votes/2',
      'c/1/surveys/2',
      'notices',
    ]) {
      await page.goto(server.url + path)
      await page.evaluate((l) => {
        localStorage.setItem('xinyi.large', l ? '1' : '0')
        document.documentElement.classList.toggle('elder', l)
      }, large)
      await page.waitForLoadState('networkidle').catch(() => {})
      await page.waitForTimeout(500)
      await page.addScriptTag({ path: axePath })
      const found = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ['violations'] })).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id} × ${v.nodes.length}: ${v.nodes
                .slice(0, 2)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
          ),
      )
      for (const f of found) problems.push(`${large ? 'large' : 'normal'} /${path}: ${f}`)
    }
  }
  await ctx.close()
  assert.deepEqual(problems, [])
})
