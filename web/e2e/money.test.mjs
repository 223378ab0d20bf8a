// The one parser for amounts people type, and amounts in Chinese capitals (大写), under plain
// node: no server, no browser.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_FEN, capitalYuan, parseAmount } from '../src/money.js'

test('amounts written the usual ways are read exactly, in fen', () => {
  const read = {
    58.13: 5813,
    58: 5800,
    58.1: 5810,
    '58.10': 5810,
    0.05: 5,
    '¥58.13': 5813,
    '￥58.13': 5813,
    '¥ 58.13': 5813,
    '58.13元': 5813,
    '  58.13  ': 5813,
    '\u300058.13\u3000': 5813,
    '007': 700,
    3000.5: 300050,
    99999999.99: MAX_FEN,
    0.01: 1,
  }
  for (const [text, fen] of Object.entries(read)) assert.deepEqual(parseAmount(text), { fen }, text)
  assert.equal(MAX_FEN, 9_999_999_999)
})

// Each refusal says why, in Chinese and in English.
function refused(text, options, zhPart) {
  const r = parseAmount(text, options)
  assert.ok(r.error, `${JSON.stringify(text)} is refused`)
  assert.equal(r.fen, undefined)
  assert.ok(r.error.zh && r.error.en, 'in both languages')
  assert.ok(r.error.zh.includes(zhPart), `${JSON.stringify(text)}: ${r.error.zh}`)
  return r.error
}

test('a comma anywhere is refused, with the dot to use instead: 58,13 is not ¥5,813.00', () => {
  for (const text of ['58,13', '58，13', '1,000', '1,000.00', '5,813', ',5']) {
    const e = refused(text, {}, '不要用逗号')
    assert.ok(e.zh.includes('小数点“.”'))
    assert.match(e.en, /not a comma/)
  }
})

test('full-width digits and dots from a Chinese keyboard are refused', () => {
  for (const text of ['５８.１３', '58．13', '58。13', '１００']) refused(text, {}, '半角')
})

test('three or more decimals, letters, signs, negatives and empty fields are refused', () => {
  for (const text of ['58.131', '0.001', '58.1300']) refused(text, {}, '最多两位小数')
  for (const text of ['abc', '58a', '1e3', '0x10', '5 8', '+58', 'NaN', 'Infinity', '58.1.3元x'])
    refused(text, {}, '只能写数字')
  for (const text of ['-5', '-0.01', '－5', '−5']) refused(text, {}, '负数')
  for (const text of ['', '   ', null, undefined, '¥', '元']) refused(text, {}, '请填写金额')
  for (const text of ['58.', '.5', '5..8', '58.1.3']) refused(text, {}, '58.13 这样')
})

test('zero only where the caller allows it; nothing above ¥99,999,999.99', () => {
  for (const text of ['0', '0.00', '000']) refused(text, {}, '大于 0')
  assert.deepEqual(parseAmount('0', { allowZero: true }), { fen: 0 })
  assert.deepEqual(parseAmount('0.00', { allowZero: true }), { fen: 0 })
  for (const text of ['100000000', '100000000.00', '123456789012345678901'])
    refused(text, {}, '不能超过 ¥99,999,999.99')
  assert.deepEqual(parseAmount('00000099999999.99'), { fen: MAX_FEN }) // leading zeros do not count
})

test('amounts in capitals as on a cheque', () => {
  const table = {
    5813: '伍拾捌元壹角叁分',
    10000: '壹佰元整',
    100000001: '壹佰万元零壹分',
    1000000: '壹万元整',
    1005: '壹拾元零伍分',
    0: '零元整',
    1000: '壹拾元整', // the bank form: 壹拾, never the spoken 拾元
    100000000: '壹佰万元整', // ¥1,000,000.00
    10000000000: '壹亿元整', // ¥100,000,000.00
    100010: '壹仟元零壹角',
    // The 元 digit is zero before a non-zero 角: the rules allow 壹拾元壹角 too; the 零 is
    // always written, as for ¥1,000.10 above (no gap left to slip a digit into).
    1010: '壹拾元零壹角',
    // Under one yuan: no 零元; after 角 no 整, after 分 never.
    58: '伍角捌分',
    5: '伍分',
    50: '伍角',
    1: '壹分',
    1100: '壹拾壹元整',
    110: '壹元壹角',
    101000: '壹仟零壹拾元整',
    1500000: '壹万伍仟元整',
  }
  for (const [fen, words] of Object.entries(table))
    assert.equal(capitalYuan(Number(fen)), words, `${fen} fen`)
})

test("the People's Bank of China's own examples (one of the forms it allows for each)", () => {
  const examples = {
    140950: '壹仟肆佰零玖元伍角', // ¥1,409.50
    600714: '陆仟零柒元壹角肆分', // ¥6,007.14
    168032: '壹仟陆佰捌拾元零叁角贰分', // ¥1,680.32
    10700053: '壹拾万柒仟元零伍角叁分', // ¥107,000.53
    1640902: '壹万陆仟肆佰零玖元零贰分', // ¥16,409.02
    32504: '叁佰贰拾伍元零肆分', // ¥325.04
  }
  for (const [fen, words] of Object.entries(examples))
    assert.equal(capitalYuan(Number(fen)), words, `${fen} fen`)
})

test('capitals across the 万 and 亿 groups, and the largest amount a form takes', () => {
  assert.equal(capitalYuan(MAX_FEN), '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分')
  assert.equal(capitalYuan(10000000100), '壹亿零壹元整') // a whole 万 group of zeros is one 零
  assert.equal(capitalYuan(10001000000), '壹亿零壹万元整')
  assert.equal(capitalYuan(12000000000), '壹亿贰仟万元整')
  assert.equal(capitalYuan(10000700000), '壹亿零柒仟元整') // a whole empty 万 group: 零
  assert.equal(capitalYuan(10010000), '壹拾万零壹佰元整') // zeros in the 仟 of the lower group: 零
  assert.equal(capitalYuan(1007000000000), '壹佰亿柒仟万元整') // a zero 亿 digit before 仟万: as said
  assert.equal(capitalYuan(100000000000001), '壹万亿元零壹分')
  assert.equal(capitalYuan(-5813), '负伍拾捌元壹角叁分')
  assert.throws(() => capitalYuan(58.13), RangeError)
  // Every amount typed reads back: the capitals of what was parsed never lose a digit.
  for (const text of ['58.13', '1000.10', '10.05', '99999999.99'])
    assert.ok(capitalYuan(parseAmount(text).fen).length > 2)
})
