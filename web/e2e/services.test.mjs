// The needs list, visits and questionnaires in the browser, as the people who use them: a
// resident files a need and the committee answers it; a worker logs a visit from the phone and a
// resident of the courtyard confirms it; the demo owner answers this year's questionnaire.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
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

// A tiny valid PNG (1×1, red).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

test('a resident files a need with a photo and a committee member triages it', async () => {
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.locator('[data-test=my-needs]').click()
  await owner.locator('[data-test=need-form]').waitFor()
  await owner.locator('[data-test=need-cat-repairs]').click()
  await owner.locator('[data-test=need-body] textarea').fill('3 栋单元门闭门器坏了，门关不上')
  await owner.locator('[data-test=need-place] input').fill('3 栋 1 单元')
  await owner
    .locator('[data-test=need-photo]')
    .setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG })
  await owner.locator('[data-test=need-submit]').click()
  await owner.locator('[data-test=need-message]').filter({ hasText: '已提交' }).waitFor()
  const mine = owner.locator('[data-test=need]').filter({ hasText: '闭门器' })
  await mine.waitFor()
  assert.equal(await mine.locator('[data-test=need-status]').innerText(), '待答复')
  assert.equal(await mine.locator('.photos img').count(), 1)

  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + 'c/1/needs')
  const card = com.locator('[data-test=need]').filter({ hasText: '闭门器' })
  await card.waitFor()
  await card.locator('button', { hasText: '办理进度' }).click()
  await card.locator('[data-test=need-triage]').waitFor()
  await card.locator('[data-test=triage-note] input').fill('电工本周上门更换闭门器')
  await card.locator('[data-test=triage-code]').selectOption('electric')
  await card.locator('[data-test=triage-service]').click()
  await card.locator('[data-test=need-status]').filter({ hasText: '纳入服务' }).waitFor()
  // From the service list the one move left is 办结: the buttons are the server's "can".
  await card.locator('[data-test=triage-done]').waitFor()
  for (const gone of ['triage-service', 'triage-project', 'triage-decline', 'triage-reopen'])
    assert.equal(await card.locator(`[data-test=${gone}]`).count(), 0, gone)

  // The filer follows it: the status and the committee's answer on the timeline.
  await owner.reload()
  const again = owner.locator('[data-test=need]').filter({ hasText: '闭门器' })
  // The filer is never offered a +1 on their own need, nor a move.
  assert.equal(await again.locator('button', { hasText: '+1' }).count(), 0)
  await again.locator('[data-test=need-status]').filter({ hasText: '纳入服务' }).waitFor()
  await again.locator('button', { hasText: '办理进度' }).click()
  await again
    .locator('[data-test=need-timeline]')
    .filter({ hasText: '电工本周上门更换闭门器' })
    .waitFor()
  // The public sees the count, not the text.
  const summary = await (await fetch(server.url + 'api/v1/public/compounds/1/needs/summary')).json()
  assert.ok(summary.by_status.service >= 2)
  assert.ok(!JSON.stringify(summary).includes('闭门器'))
})

test('a worker logs a visit from the phone and a resident of the courtyard confirms it', async () => {
  const worker = await newPage(browser)
  await signIn(worker, server, 'worker')
  await worker.waitForURL(/\/me$/)
  await worker.locator('[data-test=role]').first().click() // 孙师傅's role: the visits page
  await worker.waitForURL(/\/c\/1\/visits$/)
  await worker.locator('[data-test=worker-card]').waitFor()
  // The items he does (known from his own visits: a worker cannot read the assignments) come
  // first; another one is refused by the server, and the page says why.
  await worker
    .locator('[data-test=checkin-item] option[value=electric]')
    .waitFor({ state: 'attached' })
  assert.deepEqual(
    await worker
      .locator('[data-test=checkin-item] option')
      .evaluateAll((os) => os.map((o) => o.value)),
    ['electric'],
  )
  await worker.locator('[data-test=checkin-all]').check()
  await worker.locator('[data-test=checkin-item]').selectOption('clean')
  await worker.locator('[data-test=check-in]').click()
  assert.match(
    await worker.locator('[data-test=worker-error]').innerText(),
    /受托人没有安排您做这一项服务/,
  )
  await worker.locator('[data-test=checkin-item]').selectOption('electric')
  await worker.locator('[data-test=check-in]').click()
  await worker.locator('[data-test=in-progress]').waitFor()
  // Half an hour passes on the job.
  execFileSync('sqlite3', [
    server.dbPath,
    'UPDATE work_logs SET checked_in_at = checked_in_at - 1800000 WHERE checked_out_at IS NULL',
  ])
  await worker.locator('[data-test=checkout-done] textarea').fill('更换 3 栋 1 单元闭门器')
  await worker
    .locator('[data-test=checkout-photo]')
    .setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: PNG })
  await worker.locator('[data-test=check-out]').click()
  await worker
    .locator('[data-test=worker-message]')
    .filter({ hasText: '已签退，共 30 分钟' })
    .waitFor()
  assert.equal(await worker.locator('[data-test=confirm-visit]').count(), 0) // not a resident here

  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.locator('[data-test=my-visits]').click()
  const visit = owner.locator('[data-test=review-visit]').filter({ hasText: '闭门器' })
  await visit.waitFor()
  assert.match(await visit.innerText(), /30 分钟/)
  assert.match(await visit.innerText(), /0 人确认/)
  await visit.locator('[data-test=confirm-visit]').click()
  await visit.locator('[data-test=my-review]').filter({ hasText: '您已确认' }).waitFor()
  assert.match(await visit.innerText(), /1 人确认/)
  // The worker sees it counted.
  await worker.reload()
  await worker
    .locator('[data-test=visit]')
    .filter({ hasText: '闭门器' })
    .filter({ hasText: '1 人确认' })
    .waitFor()
})

test("the demo owner answers this year's questionnaire once, and the count rises", async () => {
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.goto(server.url + 'c/1')
  await owner.locator('[data-test=survey-item]').first().click()
  await owner.locator('[data-test=survey-form]').waitFor()
  const before = await (await fetch(server.url + 'api/v1/public/compounds/1/questionnaires')).json()
  await owner.locator('[data-test=q0-s5]').click()
  await owner.locator('[data-test=q1-s4]').click()
  await owner.locator('[data-test=q2-o1]').click()
  await owner.locator('[data-test=q3-text]').fill('希望雨天也来清扫积水')
  await owner.locator('[data-test=survey-submit]').click()
  // 王建国 owns two units, so the form stays for his second household; answer it too.
  await owner.waitForFunction(
    () => !document.querySelector('[data-test=survey-form] .van-radio[aria-checked=true]'),
  )
  await owner.locator('[data-test=q0-s4]').click()
  await owner.locator('[data-test=q1-s4]').click()
  await owner.locator('[data-test=q2-o1]').click()
  await owner.locator('[data-test=survey-submit]').click()
  await owner.locator('[data-test=survey-answered]').waitFor()
  const afterList = await (
    await fetch(server.url + 'api/v1/public/compounds/1/questionnaires')
  ).json()
  assert.equal(afterList[0].responses, before[0].responses + 2)
  const results = await (
    await fetch(server.url + `api/v1/public/compounds/1/questionnaires/${afterList[0].id}/results`)
  ).json()
  assert.equal(results.responses, before[0].responses + 2)
  assert.ok(!JSON.stringify(results).includes('雨天')) // free text is not public
})

test('the trustee assigns a worker to an item of the service plan, and takes it back', async () => {
  const trustee = await newPage(browser)
  await signIn(trustee, server, 'trustee')
  await trustee.waitForURL(/\/me$/)
  await trustee.goto(server.url + 'manage/1')
  await trustee
    .locator('[data-test=assignment][data-item=electric]')
    .filter({ hasText: '孙师傅（worker）' })
    .waitFor()
  // Only the compound's workers can be assigned: the server says so.
  await trustee.locator('[data-test=assign-item]').selectOption('garden')
  await trustee.locator('[data-test=assign-login]').fill('committee')
  await trustee.locator('[data-test=assign]').click()
  await trustee
    .locator('[data-test=assign-message]')
    .filter({ hasText: '不是本小区的服务人员' })
    .waitFor()
  await trustee.locator('[data-test=assign-login]').fill('worker')
  await trustee.locator('[data-test=assign]').click()
  await trustee
    .locator('[data-test=assign-message]')
    .filter({ hasText: '已安排 worker 负责「绿化工」' })
    .waitFor()
  const garden = trustee.locator('[data-test=assignment][data-item=garden]')
  await garden.filter({ hasText: '孙师傅' }).waitFor()
  await garden.getByRole('button', { name: '取消安排 孙师傅' }).click()
  await garden.filter({ hasNotText: '孙师傅' }).waitFor()
  assert.match(
    await trustee.locator('[data-test=assign-message]').innerText(),
    /已取消 worker 的「绿化工」/,
  )
  await trustee.close()
})
