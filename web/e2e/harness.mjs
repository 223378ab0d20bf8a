// Browser test harness: starts `xinyi demo` on a fresh SQLite file and a free port, and drives
// Debian's chromium with playwright-core (never a downloaded browser). Later features add
// tests beside basic.test.mjs and reuse startServer() / newPage().
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const BIN = process.env.XINYI_BIN || new URL('../../build/xinyi', import.meta.url).pathname
const WEB = process.env.XINYI_WEB || new URL('../dist', import.meta.url).pathname

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'xinyi-e2e-'))
  const proc = spawn(
    BIN,
    [
      'demo',
      '--db',
      `sqlite:${join(dir, 'demo.db')}`,
      '--listen',
      '127.0.0.1:0',
      '--web',
      WEB,
      '--threads',
      '2',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`xinyi did not start:\n${out}`)), 30000)
    const onData = (d) => {
      out += d
      const m = out.match(/running: (http:\/\/127\.0\.0\.1:\d+\/)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', onData)
    proc.on('exit', (code) => reject(new Error(`xinyi exited with ${code}:\n${out}`)))
  })
  const inviteCode = (out.match(/invite code ([A-Z0-9]{8})/) || [])[1]
  return {
    url,
    inviteCode,
    dbPath: join(dir, 'demo.db'),
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((r) => proc.on('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}

// A phone-sized page (WeChat's browser on a 390 px phone), zh-CN.
export async function newPage(browser) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  })
  const page = await ctx.newPage()
  page.setDefaultTimeout(15000)
  return page
}

// Signs in through the sign-in page, as a person would.
export async function signIn(page, server, login, password = 'xinyi-demo') {
  await page.goto(server.url + 'login')
  await page.locator('[data-test=login] input').fill(login)
  await page.locator('[data-test=password] input').fill(password)
  await page.locator('[data-test=submit]').click()
}

// The last look before money is recorded (src/amounts.js): waits for it, returns what it says
// ({ text, figures, capital }) and confirms, or goes back to the form when `confirm` is false.
export async function confirmMoney(page, { confirm = true } = {}) {
  const box = page.locator('[data-test=money-confirm]')
  await box.waitFor()
  const seen = {
    text: await box.innerText(),
    figures: (await box.locator('[data-test=money-figures] b').innerText()).trim(),
    capital: (await box.locator('[data-test=money-capital] b').innerText()).trim(),
  }
  await page
    .locator(confirm ? '.money-dialog .van-dialog__confirm' : '.money-dialog .van-dialog__cancel')
    .click()
  await box.waitFor({ state: 'hidden' })
  return seen
}
