// Renewal projects, crowdfunding and the charity fund in the browser, as the people who use them:
// the committee starts a project in the console and runs it on its page (budget, two quotes,
// contract, milestone with a photo, acceptance), offered the steps the server's `can` lists — the
// trustee quotes but is not offered the budget; the demo owner follows it, pledges for one of his
// households and accepts it through the questionnaire; the committee records his payment; the
// public page shows the money collected and the acceptance. The committee records a donation to
// 锦苑小区's charity fund and the public list shows it masked. The project and charity pages
// pass axe-core signed out and as the committee, in the normal and the large-text mode.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
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

// A tiny valid PNG (1×1, red).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)
const TITLE = '教师院 3 栋外墙修补'

test('a renewal project from proposal to acceptance', async () => {
  // The committee starts it in the console: accepted by the residents' questionnaire, with a
  // crowdfunding goal. The turnout needed is set to 2 %, so that the demo owner's two households
  // (of 72) are enough to decide it in a test.
  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + 'manage/1')
  const console_ = com.locator('[data-test=manage-projects]')
  await console_.waitFor()
  await console_.locator('[data-test=project-title-input] input').fill(TITLE)
  await console_
    .locator('[data-test=project-description] textarea')
    .fill('3 栋北墙墙皮大面积脱落，修补后重新粉刷。')
  await console_.locator('[data-test=project-mode-questionnaire]').click()
  await console_.locator('[data-test=project-turnout] input').fill('2')
  await console_.locator('[data-test=project-goal] input').fill('1000.00')
  await console_.locator('[data-test=project-create]').click()
  await com.waitForURL(/\/c\/1\/projects\/\d+$/)
  const pid = Number(com.url().match(/projects\/(\d+)$/)[1])
  await com.locator('[data-test=project-title]').filter({ hasText: TITLE }).waitFor()
  assert.equal((await com.locator('[data-test=project-status]').innerText()).trim(), '已立项')

  // The steps offered are the server's `can` for the person asking: the committee sets the
  // budget; the trustee, who pays against it, quotes but is not offered the budget (nor
  // cancelling); anyone signed out is offered nothing.
  const canOf = (page) =>
    page.evaluate(
      async (u) => (await (await fetch(u, { credentials: 'same-origin' })).json()).can,
      `/api/v1/public/compounds/1/projects/${pid}`,
    )
  const comCan = await canOf(com)
  for (const step of ['budget', 'link_vote', 'quote', 'cancel']) assert.ok(comCan.includes(step))
  assert.equal(await com.locator('[data-test=budget-form]').count(), 1)
  assert.equal(await com.locator('[data-test=cancel-form]').count(), 1)
  const trustee = await newPage(browser)
  await signIn(trustee, server, 'trustee')
  await trustee.waitForURL(/\/me$/)
  await trustee.goto(server.url + `c/1/projects/${pid}`)
  await trustee.locator('[data-test=project-manage] [data-test=quote-form]').waitFor()
  assert.equal(await trustee.locator('[data-test=budget-form]').count(), 0)
  assert.equal(await trustee.locator('[data-test=cancel-form]').count(), 0)
  const trusteeCan = await canOf(trustee)
  assert.ok(trusteeCan.includes('quote'))
  assert.ok(!trusteeCan.includes('budget') && !trusteeCan.includes('cancel'))
  const anon = await (await fetch(server.url + `api/v1/public/compounds/1/projects/${pid}`)).json()
  assert.deepEqual(anon.can, [])

  // The budget: one line of ¥3,000.00 on 5008, funded by crowdfunding and the common fund (under
  // the co-managed threshold of ¥5,000, so no owners' vote is needed).
  const budget = com.locator('[data-test=budget-form]')
  await budget.locator('[data-test=line-name]').fill('外墙修补与粉刷')
  await budget.locator('[data-test=line-account]').selectOption('5008')
  await budget.locator('[data-test=line-amount]').fill('3000.00')
  await budget.locator('[data-test=funding-source]').nth(0).selectOption('crowdfunding')
  await budget.locator('[data-test=funding-amount]').nth(0).fill('1000.00')
  await budget.locator('[data-test=add-funding]').click()
  await budget.locator('[data-test=funding-source]').nth(1).selectOption('common')
  await budget.locator('[data-test=funding-amount]').nth(1).fill('2000.00')
  assert.match(
    await budget.locator('[data-test=budget-sums]').innerText(),
    /预算合计 ¥3,000\.00，资金来源合计 ¥3,000\.00/,
  )
  await budget.locator('[data-test=budget-save]').click()
  await com.locator('[data-test=project-status]').filter({ hasText: '已做预算' }).waitFor()
  const row = com.locator('[data-test=budget-row]')
  assert.equal(await row.count(), 1)
  assert.match(await row.innerText(), /外墙修补与粉刷[\s\S]*5008[\s\S]*¥3,000\.00/)
  assert.equal(await com.locator('[data-test=project-funding]').count(), 2)
  await com.locator('[data-test=project-budget-chart] canvas').first().waitFor()

  // Two quotes, then the contract with the first.
  const quote = com.locator('[data-test=quote-form]')
  for (const [who, amount, note] of [
    ['新都区安居修缮队', '2900.00', '含脚手架和两遍外墙涂料'],
    ['锦城建筑维修公司', '3100.00', '含脚手架，外墙涂料一遍'],
  ]) {
    await quote.locator('[data-test=quote-contractor] input').fill(who)
    await quote.locator('[data-test=quote-amount] input').fill(amount)
    await quote.locator('[data-test=quote-note] input').fill(note)
    await quote.locator('[data-test=quote-add]').click()
    await com.locator('[data-test=quote]').filter({ hasText: who }).waitFor()
  }
  const contract = com.locator('[data-test=contract-form]')
  await contract.waitFor()
  const offered = contract.locator('[data-test=contract-quote] option')
  assert.equal(await offered.count(), 2)
  await contract
    .locator('[data-test=contract-quote]')
    .selectOption({ label: '新都区安居修缮队 · ¥2,900.00' })
  await contract.locator('[data-test=contract-sign]').click() // signed today
  await com.locator('[data-test=project-status]').filter({ hasText: '已签合同' }).waitFor()
  const signed = com.locator('[data-test=quote]').filter({ hasText: '新都区安居修缮队' })
  assert.match(await signed.innerText(), /已选定/)
  assert.doesNotMatch(
    await com.locator('[data-test=quote]').filter({ hasText: '锦城建筑维修公司' }).innerText(),
    /已选定/,
  )
  // A quote is still unsigned, so a second contractor may be signed while contracted: the
  // contract form stays, offering that quote alone.
  assert.ok((await canOf(com)).includes('contract'))
  await contract.waitFor()
  assert.equal(await offered.count(), 1)
  assert.match(await offered.first().innerText(), /锦城建筑维修公司/)
  assert.match(
    await com.locator('[data-test=project-contract]').innerText(),
    /新都区安居修缮队 · ¥2,900\.00/,
  )

  // The demo owner follows it and pledges ¥500.00 for one of his two households.
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.goto(server.url + `c/1/projects/${pid}`)
  const follow = owner.locator('[data-test=follow]')
  assert.equal((await follow.innerText()).trim(), '关注')
  await follow.click()
  await follow.filter({ hasText: '取消关注' }).waitFor()
  const pledge = owner.locator('[data-test=pledge-form]')
  assert.equal(await pledge.locator('[data-test=pledge-unit] option').count(), 2)
  const unit = (await pledge.locator('[data-test=pledge-unit] option').first().innerText()).trim()
  await pledge.locator('[data-test=pledge-amount] input').fill('500.00')
  await pledge.locator('[data-test=pledge-submit]').click()
  const mine = owner.locator('[data-test=my-pledge]').filter({ hasText: unit })
  await mine.filter({ hasText: '¥500.00' }).waitFor()
  assert.match(await mine.innerText(), /待缴款/)
  assert.equal(await owner.locator('[data-test=cf-pledged]').innerText(), '¥500.00')
  assert.equal(await pledge.locator('[data-test=pledge-unit] option').count(), 1) // one pledge per household

  // The committee records his payment from the pledges list: a ledger entry.
  await com.reload()
  const pledgeRow = com.locator('[data-test=pledge-row]').filter({ hasText: unit })
  await pledgeRow.waitFor()
  assert.equal(
    await pledgeRow.locator('[data-test=pledge-pay-amount] input').inputValue(),
    '500.00',
  )
  await pledgeRow.locator('[data-test=pledge-pay]').click()
  assert.equal((await confirmMoney(com)).capital, '伍佰元整')
  await pledgeRow.locator('[data-test=pledge-status]').filter({ hasText: '已缴清' }).waitFor()
  assert.match(
    await com.locator('[data-test=pledge-pay-message]').innerText(),
    /已登记缴款，见账目 #\d+/,
  )
  assert.equal(await com.locator('[data-test=cf-collected]').innerText(), '¥500.00')

  // A milestone, done with a photo of the site: the works are under way.
  const ms = com.locator('[data-test=milestone-form]')
  await ms.locator('[data-test=milestone-title] input').fill('脚手架搭设与旧墙皮清除')
  await ms.locator('[data-test=milestone-add]').click()
  const milestone = com
    .locator('[data-test=milestone]')
    .filter({ hasText: '脚手架搭设与旧墙皮清除' })
  await milestone.waitFor()
  assert.equal(
    (await milestone.locator('[data-test=milestone-state]').innerText()).trim(),
    '未完成',
  )
  await milestone.locator('[data-test=milestone-note] input').fill('旧墙皮已全部清除')
  await milestone
    .locator('[data-test=milestone-photo]')
    .setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: PNG })
  await milestone.locator('[data-test=milestone-done]').click()
  await milestone.locator('[data-test=milestone-state]').filter({ hasText: '已完成' }).waitFor()
  assert.equal(await milestone.locator('.photos img').count(), 1)
  await com.locator('[data-test=project-status]').filter({ hasText: '施工中' }).waitFor()
  // Under way, no contract is signed any more, even with a quote left unsigned.
  assert.ok(!(await canOf(com)).includes('contract'))
  assert.equal(await com.locator('[data-test=contract-form]').count(), 0)

  // Acceptance by the residents' questionnaire.
  await com.locator('[data-test=acceptance-start]').click()
  await com.locator('[data-test=project-status]').filter({ hasText: '验收中' }).waitFor()

  // The owner opens the questionnaire from the project page and accepts, for each household.
  await owner.goto(server.url + `c/1/projects/${pid}`)
  await owner.locator('[data-test=acceptance-link]').filter({ hasText: '去验收' }).click()
  await owner.waitForURL(/\/c\/1\/surveys\/\d+$/)
  const qid = Number(owner.url().match(/surveys\/(\d+)$/)[1])
  await owner.locator('[data-test=survey-form]').waitFor()
  assert.match(await owner.locator('[data-test=q0-o0]').innerText(), /同意验收/)
  for (let household = 0; household < 2; household++) {
    if (await owner.locator('[data-test=survey-answered]').count()) break
    await owner.locator('[data-test=q0-o0]').click()
    await owner.locator('[data-test=survey-submit]').click()
    // The form stays (cleared) for his second household, or the page says he has answered.
    await owner.waitForFunction(
      () =>
        document.querySelector('[data-test=survey-answered]') ||
        !document.querySelector('[data-test=survey-form] .van-radio[aria-checked=true]'),
    )
  }
  await owner.locator('[data-test=survey-answered]').waitFor()
  await owner.goto(server.url + `c/1/projects/${pid}`)
  assert.match(
    await owner.locator('[data-test=acceptance-tally]').innerText(),
    /同意验收 2 户 · 已答 2 户 · 共 72 户/,
  )

  // The questionnaire has run its time (at least an hour in real life: moved back here).
  execFileSync('sqlite3', [
    server.dbPath,
    `UPDATE questionnaires SET closes_at = ${Date.now() - 1000} WHERE id = ${qid}`,
  ])
  await com.reload()
  await com.locator('[data-test=acceptance-close]').click()
  await com.locator('[data-test=project-status]').filter({ hasText: '已验收' }).waitFor()
  assert.match(await com.locator('[data-test=acceptance-outcome]').innerText(), /验收通过/)
  // Not settled yet: the contractor is unpaid and ¥500.00 of crowdfunding unspent, so the page
  // offers no settlement until that money is spent or given back.
  assert.ok(!(await canOf(com)).includes('settle'))
  assert.equal(await com.locator('[data-test=settle]').count(), 0)

  // The trustee asks to pay the contractor ¥2,000.00 of the common fund; the committee approves
  // it on the project page (the co-managed account); the project is settled.
  await trustee.goto(server.url + `c/1/projects/${pid}`)
  const payForm = trustee.locator('[data-test=payment-form]')
  await payForm.waitFor()
  await payForm.locator('[data-test=payment-source]').selectOption({ label: '公共基金' })
  await payForm.locator('[data-test=payment-amount] input').fill('2000.00')
  await payForm.locator('[data-test=payment-request]').click()
  const asked = await confirmMoney(trustee)
  assert.equal(asked.capital, '贰仟元整')
  assert.match(asked.text, /收款方\s*新都区安居修缮队/)
  await trustee.locator('[data-test=payment-message]').waitFor()
  // …and the ¥500.00 the households put in: crowdfunding is spent, none left to give back.
  await payForm.locator('[data-test=payment-source]').selectOption({ label: '居民众筹' })
  await payForm.locator('[data-test=payment-amount] input').fill('500.00')
  await payForm.locator('[data-test=payment-request]').click()
  await confirmMoney(trustee)
  await trustee.locator('[data-test=project-payment]').nth(1).waitFor()
  await trustee.close()
  await com.reload()
  const approval = com.locator('[data-test=payment-approval]')
  await approval.first().waitFor()
  assert.equal(await approval.count(), 2)
  for (let i = 0; i < 2; ++i) {
    await approval.first().locator('[data-test=payment-approve]').click()
    await com.waitForFunction(
      (n) => document.querySelectorAll('[data-test=payment-approval]').length === n,
      1 - i,
    )
  }
  assert.equal(
    await com.locator('[data-test=project-payment]').filter({ hasText: '已支付' }).count(),
    2,
  )
  await com.locator('[data-test=settle-form]').waitFor() // everything paid: now it can be settled
  await com.locator('[data-test=settle]').click()
  await com.locator('[data-test=project-status]').filter({ hasText: '已决算' }).waitFor()

  // Anyone sees the money collected and the acceptance on the timeline, and no household.
  const pub = await newPage(browser)
  await pub.goto(server.url + `c/1/projects/${pid}`)
  await pub.locator('[data-test=project-status]').filter({ hasText: '已决算' }).waitFor()
  assert.equal(await pub.locator('[data-test=cf-collected]').innerText(), '¥500.00')
  const accepted = pub.locator('[data-test=timeline-item][data-kind=accepted]')
  assert.equal(await accepted.count(), 1)
  assert.match(await accepted.innerText(), /验收通过/)
  assert.equal(await pub.locator('[data-test=follow]').count(), 0)
  assert.equal(await pub.locator('[data-test=pledge-form]').count(), 0)
  assert.equal(await pub.locator('[data-test=project-manage]').count(), 0)
  assert.equal(await pub.locator('[data-test=milestone-done-form]').count(), 0)
  const json = await (await fetch(server.url + `api/v1/public/compounds/1/projects/${pid}`)).json()
  assert.equal(json.crowdfunding.collected_fen, 50000)
  assert.equal(json.settlement.paid_fen, 250000)
  assert.equal(json.crowdfunding.unspent_fen, 0)
  assert.ok(json.payments[0].entry_index > 0, 'the payment is a ledger entry')
  assert.ok(!JSON.stringify(json).includes(unit), 'the public project names no household')
  await pub.goto(server.url + 'c/1')
  const card = pub.locator('[data-test=project-item]').filter({ hasText: TITLE })
  await card.waitFor()
  assert.match(await card.innerText(), /已决算/)
  assert.match(await card.innerText(), /已缴 ¥500\.00 \/ 目标 ¥1,000\.00/)
})

test('the committee records a donation to the charity fund; the public list shows the donor masked', async () => {
  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + 'c/5/charity')
  const manage = com.locator('[data-test=charity-manage]')
  await manage.waitFor()
  await manage.locator('[data-test=record-donor] input').fill('宋佳怡')
  await manage.locator('[data-test=record-amount] input').fill('200.00')
  await manage.locator('[data-test=record-submit]').click()
  assert.match((await confirmMoney(com)).text, /捐赠人\s*宋佳怡/)
  assert.match(
    await manage.locator('[data-test=record-message]').innerText(),
    /已登记，收据 CD-5-\d+/,
  )
  await manage
    .locator('[data-test=manage-donation]')
    .filter({ hasText: '宋佳怡' })
    .filter({ hasText: '已到账' })
    .waitFor()

  const pub = await newPage(browser)
  await pub.goto(server.url + 'c/5/charity')
  const listed = pub
    .locator('[data-test=charity-donation]')
    .filter({ hasText: '¥200.00' })
    .filter({ hasText: /宋\*+/ })
  await listed.first().waitFor()
  assert.ok(!(await pub.locator('#app').innerText()).includes('宋佳怡'))
  const fund = await (await fetch(server.url + 'api/v1/public/compounds/5/charity')).json()
  assert.ok(!JSON.stringify(fund).includes('宋佳怡'))
})

test('the project and charity pages pass axe-core, signed out and as the committee, in both text sizes', async () => {
  // A demo project of 锦苑小区 if the demo has one, else the one the first test made.
  const five = await (await fetch(server.url + 'api/v1/public/compounds/5/projects')).json()
  const one = await (await fetch(server.url + 'api/v1/public/compounds/1/projects')).json()
  const project = five.length ? `c/5/projects/${five[0].id}` : `c/1/projects/${one[0].id}`
  const axePath = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url))
  const problems = []
  for (const who of [null, 'committee']) {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      bypassCSP: true,
    })
    const page = await ctx.newPage()
    page.setDefaultTimeout(15000)
    if (who) {
      await signIn(page, server, who)
      await page.waitForURL(/\/me$/)
    }
    for (const large of [false, true]) {
      for (const path of [project, 'c/5/charity']) {
        await page.goto(server.url + path)
        await page.evaluate((l) => {
          localStorage.setItem('xinyi.large', l ? '1' : '0')
          document.documentElement.classList.toggle('elder', l)
        }, large)
        await page
          .locator(
            path.includes('charity') ? '[data-test=charity-fund]' : '[data-test=project-head]',
          )
          .waitFor()
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
        for (const f of found)
          problems.push(`${who || 'public'} ${large ? 'large' : 'normal'} /${path}: ${f}`)
      }
    }
    await ctx.close()
  }
  assert.deepEqual(problems, [])
})
