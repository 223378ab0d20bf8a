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

// A local datetime-local value (seconds precision) `ms` from now.
function inputIn(ms) {
  const d = new Date(Date.now() + ms)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19)
}

test('a vote from its opening to its result on the public page', async () => {
  // The committee opens a vote from the console.
  const com = await newPage(browser)
  await signIn(com, server, 'committee')
  await com.waitForURL(/\/me$/)
  await com.goto(server.url + 'manage/1')
  const card = com.locator('[data-test=manage-votes]')
  await card.waitFor()
  await com.locator('[data-test=vote-title-input] input').fill('增设智能快递柜')
  assert.match(
    await com.locator('[data-test=vote-matter] option[value="5"]').innerText(),
    /使用维修资金/,
  )
  await com.locator('[data-test=vote-matter]').selectOption('9')
  await com.locator('[data-test=vote-closes]').fill(inputIn(40000))
  await com.locator('[data-test=vote-create]').click()
  await com.locator('[data-test=vote-message]').filter({ hasText: '增设智能快递柜' }).waitFor()
  const votes = await (await fetch(server.url + 'api/v1/public/compounds/1/votes')).json()
  const vote = votes.find((v) => v.title === '增设智能快递柜')
  assert.equal(vote.status, 'open')
  assert.equal(vote.turnout.total_owners, 71) // 72 units; 王建国's two count once

  // Paper ballots from the ballot box: one through the form, the rest through the same API.
  await com.locator('[data-test=paper-vote]').selectOption(String(vote.id))
  const units = await com.evaluate(
    async () => (await (await fetch('/api/v1/compounds/1/units?limit=500')).json()).items,
  )
  const wang = new Set(
    units.filter((u) => u.members?.some((m) => m.name === '王建国')).map((u) => u.id),
  )
  const others = units.filter((u) => !wang.has(u.id))
  await com.locator('[data-test=paper-unit]').selectOption(String(others[0].id))
  await com.locator('[data-test=paper-choice]').selectOption('0')
  await com.locator('[data-test=paper-scan]').setInputFiles({
    name: 'ballots.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 ballot box 1'),
  })
  await com.locator('[data-test=paper-enter]').click()
  await com
    .locator('[data-test=vote-message]')
    .filter({ hasText: '已录入，待第二人复核后计入' })
    .waitFor()
  // It waits for a second person: the one who entered it sees no button to countersign it, and
  // the form is emptied, so the next ballot needs its own scan.
  await com.locator('[data-test=paper-ballot] [data-test=paper-own]').waitFor()
  assert.equal(await com.locator('[data-test=countersign]').count(), 0)
  assert.equal(await com.locator('[data-test=paper-scan]').inputValue(), '')
  assert.ok(await com.locator('[data-test=paper-enter]').isDisabled())
  // Each paper ballot has its own scan; the API answers each ballot's number (the form's one is
  // entered again, replacing it, to learn its number).
  const entered = await com.evaluate(
    async ({ vid, ids }) => {
      const token = (await (await fetch('/api/v1/auth/session')).json()).me.csrf_token
      const post = (path, body, type = 'application/json') =>
        fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': type, 'X-CSRF-Token': token },
          body,
        })
      const numbers = []
      let n = 0
      for (const [i, unit_id] of ids.entries()) {
        const up = await (
          await post('/api/v1/compounds/1/vouchers', `%PDF-1.4 ballot ${i}`, 'application/pdf')
        ).json()
        const r = await post(
          `/api/v1/compounds/1/votes/${vid}/paper-ballots`,
          JSON.stringify({
            unit_id,
            choices: i % 6 === 5 ? [1] : [0],
            voucher_sha256: up.sha256,
            replace: i === 0,
          }),
        )
        if (r.status === 201) {
          n++
          const b = await r.json()
          numbers.push({ ballot: b.ballot, entered_at: b.entered_at })
        }
      }
      return { n, numbers }
    },
    { vid: vote.id, ids: others.slice(0, 58).map((u) => u.id) },
  )
  assert.equal(entered.n, 58)
  // Paper ballots count once a second person countersigns them: staff countersign one on the
  // vote's page, the rest through the same API.
  const staff = await newPage(browser)
  await signIn(staff, server, 'staff')
  await staff.waitForURL(/\/me$/)
  await staff.goto(server.url + `c/1/votes/${vote.id}`)
  const list = staff.locator('[data-test=paper-ballots]')
  assert.match(await list.locator('.sub').innerText(), /纸质选票 58 张（58 张待复核）/)
  assert.match(
    await staff.locator('[data-test=paper-awaiting]').innerText(),
    /另有 58 张纸质选票待第二人复核/,
  )
  const first = list.locator('[data-test=paper-ballot]').first()
  const firstNo = Number(await first.getAttribute('data-ballot'))
  await first.locator('[data-test=countersign]').click()
  await list.locator('.sub').filter({ hasText: '纸质选票 58 张（57 张待复核）' }).waitFor()
  await staff.locator('[data-test=paper-count]').filter({ hasText: '其中纸质选票 1 张' }).waitFor()
  const signed = await staff.evaluate(
    async ({ vid, numbers }) => {
      const token = (await (await fetch('/api/v1/auth/session')).json()).me.csrf_token
      let n = 0
      for (const b of numbers) {
        // The countersignature names the ballot as seen (its entry time): a replaced one is refused.
        const r = await fetch(
          `/api/v1/compounds/1/votes/${vid}/paper-ballots/${b.ballot}/countersign`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
            body: JSON.stringify({ entered_at: b.entered_at }),
          },
        )
        if (r.status === 200) n++
      }
      return n
    },
    { vid: vote.id, numbers: entered.numbers.filter((b) => b.ballot !== firstNo) },
  )
  assert.equal(signed, 57)
  const entered57 = entered.n - 1
  assert.equal(entered57, 57)

  // The owner votes on the phone and gets a receipt code.
  const owner = await newPage(browser)
  await signIn(owner, server, '13800000001')
  await owner.waitForURL(/\/me$/)
  await owner.goto(server.url + `c/1/votes/${vote.id}`)
  await owner.locator('[data-test=ballot]').waitFor()
  assert.match(
    await owner.locator('[data-test=turnout]').innerText(),
    /已投票 58 \/ 71 户[\s\S]*其中纸质选票 58 张/,
  )
  await owner.locator('[data-test=opt-for]').click()
  await owner.locator('[data-test=cast]').click()
  const receipt = (await owner.locator('[data-test=receipt] b').innerText()).trim()
  assert.match(receipt, /^[A-Z2-9]{10}$/)
  assert.match(await owner.locator('[data-test=my-ballot]').innerText(), /同意/)

  // After the close, anyone sees the result with its figures and finds the receipt. The vote has
  // run its time (moved back here rather than waited for); the server's clock closes it within a
  // few seconds (reads never do).
  execFileSync('sqlite3', [
    server.dbPath,
    `UPDATE votes SET closes_at = ${Date.now() - 1000} WHERE id = ${vote.id}`,
  ])
  for (let i = 0; ; i++) {
    const res = await fetch(`${server.url}api/v1/public/compounds/1/votes/${vote.id}`)
    if ((await res.json()).status === 'closed') break
    assert.ok(i < 60, 'the clock closes a vote whose time is up')
    await new Promise((r) => setTimeout(r, 250))
  }
  const pub = await newPage(browser)
  await pub.goto(server.url + 'c/1')
  const item = pub.locator('[data-test=vote-item]').filter({ hasText: '增设智能快递柜' })
  await item.waitFor()
  assert.match(await item.innerText(), /通过/)
  await item.click()
  await pub.locator('[data-test=result]').waitFor()
  assert.equal((await pub.locator('[data-test=outcome]').innerText()).trim(), '通过')
  assert.match(
    await pub.locator('[data-test=result]').innerText(),
    /总户数 71；参与 [\d,.]+ ㎡、59 户/,
  )
  await pub.locator('[data-test=lookup] input').fill(receipt)
  assert.match(await pub.locator('[data-test=lookup-result]').innerText(), /这张选票被计为 同意/)
})

test('the public home shows the committee, its 13 decided matters and the provider chosen from three bids', async () => {
  const page = await newPage(browser)
  await page.goto(server.url + 'c/2')
  await page.locator('[data-test=committee]').waitFor()
  const committee = await page.locator('[data-test=committee]').innerText()
  assert.match(committee, /7 名成员，其中业主代表 4 名 · 38 户业主联名申请/)
  assert.equal(await page.locator('[data-test=vote-item]').count(), 13)
  // Each names its matter of Art. 278 in words.
  assert.match(
    await page.locator('[data-test=vote-item]').first().innerText(),
    /其他重大事项 · 结束于/,
  )
  assert.match(
    await page.locator('[data-test=vote-item]').filter({ hasText: '消防设施' }).innerText(),
    /改建、重建建筑物及附属设施/,
  )
  await page.goto(server.url + 'c/4')
  await page.locator('[data-test=tender]').waitFor()
  const tender = await page.locator('[data-test=tender]').innerText()
  assert.match(tender, /成都锦程物业服务有限公司/)
  assert.match(tender, /中选/)
  assert.equal(await page.locator('[data-test=tender] .bid').count(), 3)
})
