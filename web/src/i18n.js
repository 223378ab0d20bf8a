import { createI18n } from 'vue-i18n'

const messages = {
  'zh-CN': {
    app: { name: '信义', tagline: '信托制小区 · 收支公开 · 人人可查' },
    nav: { home: '小区', me: '我的', login: '登录', logout: '退出登录', lang: 'English' },
    model: {
      hourly: '钟点式物业', committee: '物管委', community_run: '社区领办物业', merged: '九院合一', charity: '慈善基金',
    },
    list: { title: '辖区小区', units: '户', area: '面积 ㎡', courtyards: '院落', empty: '还没有小区' },
    home: {
      courtyards: '院落', units: '户数', area: '总面积 ㎡', owners: '已登记业主户', petition: '申请成立物管委的户数',
      ledger: '收支账本', ledgerSoon: '信托账本即将上线：每一笔收入和支出都会在这里公开，可独立核验。',
      services: '服务清单', votes: '业主表决', funds: '慈善基金', soon: '即将上线', area_name: '片区',
    },
    login: {
      title: '登录', login: '手机号或用户名', password: '密码', submit: '登录', register: '没有账号？注册',
      demo: '演示账号密码均为 xinyi-demo',
    },
    register: { title: '注册', phone: '手机号', name: '姓名', password: '密码（至少 8 位）', submit: '注册并登录' },
    me: {
      title: '我的', units: '我的房屋', roles: '我的角色', none: '还没有认领房屋', claim: '用邀请码认领房屋',
      owner: '业主', tenant: '租户', area: '面积',
    },
    claim: {
      title: '认领房屋', code: '邀请码', hint: '邀请码印在业委会发放的纸质通知上，8 位字母和数字。',
      submit: '认领', done: '认领成功',
    },
    ledger: {
      balances: '资金余额', income: '累计收入', expense: '累计支出', byCourtyard: '各院落结余（收入 − 支出）',
      head: '账本已签名 {n} 笔', pending: '待审批的支出', entries: '每一笔收支', reversal: '冲正', reversed: '已冲正',
      approvals: '审批', voucher: '凭证', more: '加载更多', focused: '您查看的这笔账目',
      plans: '结余使用计划（已支出 / 计划）', notice: '打印本月公示（PDF）', settlement: '院落结算（{period}）', carriedIn: '上期结转', fees: '本期收入', costs: '本期支出', carriedOut: '结转下期',
      bank: '银行对账', kind_basic: '基本户', kind_general: '一般户', reconciled: '已勾对 {m} / {n} 笔流水',
      monthEnd: '{month} 月末', bankSide: '银行', bookSide: '账面', review: '待核实', unexplained: '未找到对应账目的银行流水',
    },
    bills: {
      covered: '公共资金为本户购买', title: '我的物业费', owed: '待缴', prepaid: '预存', paid: '已缴', partial: '部分缴纳', open: '待缴', receipt: '收据',
      method_wechat: '微信支付', method_alipay: '支付宝', method_bank: '银行转账', method_cash: '现金',
      arrears: '欠费情况（只公布户数和金额）', unitsInArrears: '欠费户数', owedSum: '欠费金额',
    },
    manage: {
      title: '收费管理', billRun: '出账（按账期为每户生成账单）', period: '账期', preview: '预览', commit: '确认出账',
      previewSays: '预览：', done: '已出账：', summary: '{bills} 份账单，合计 {total}（{skipped} 个户·月已出过账，跳过）',
      payment: '登记收款', unit: '房屋', amount: '金额（元）', method: '方式', record: '收款并开收据', invalid: '请选择房屋并填写正确金额',
      receiptTitle: '物业费收据', scan: '扫码查看这笔收款在公开账本中的记录', print: '打印收据',
      arrears: '欠费 {n} 户，合计 {total}', since: '最早欠费', running: '正在为 {n} 户出账…',
    },
    role: { resident: '住户', committee: '委员', trustee: '受托人', worker: '服务人员', staff: '社区工作人员', auditor: '监察人' },
    common: { loading: '加载中…', error: '出错了', retry: '重试', back: '返回' },
  },
  en: {
    app: { name: 'Xinyi', tagline: 'Trust-model compounds · open books anyone can check' },
    nav: { home: 'Compounds', me: 'Me', login: 'Sign in', logout: 'Sign out', lang: '中文' },
    model: {
      hourly: 'Hourly service', committee: 'Mgmt committee', community_run: 'Community-run', merged: 'Merged courtyards', charity: 'Charity fund',
    },
    list: { title: 'Compounds', units: 'units', area: 'area m²', courtyards: 'courtyards', empty: 'No compounds yet' },
    home: {
      courtyards: 'Courtyards', units: 'Units', area: 'Total area m²', owners: 'Units with owners', petition: 'Households applying for a committee',
      ledger: 'Ledger', ledgerSoon: 'The trust ledger is coming: every income and expense will be published here, independently verifiable.',
      services: 'Service list', votes: 'Owners\u2019 votes', funds: 'Charity fund', soon: 'Coming soon', area_name: 'Area',
    },
    login: {
      title: 'Sign in', login: 'Phone or user name', password: 'Password', submit: 'Sign in', register: 'No account? Register',
      demo: 'Every demo account uses the password xinyi-demo',
    },
    register: { title: 'Register', phone: 'Mobile number', name: 'Name', password: 'Password (8+ characters)', submit: 'Register and sign in' },
    me: {
      title: 'Me', units: 'My units', roles: 'My roles', none: 'No unit claimed yet', claim: 'Claim a unit with an invite code',
      owner: 'Owner', tenant: 'Tenant', area: 'Area',
    },
    claim: {
      title: 'Claim a unit', code: 'Invite code', hint: 'The 8-character code is printed on the paper notice from your committee.',
      submit: 'Claim', done: 'Unit claimed',
    },
    ledger: {
      balances: 'Balances', income: 'Income to date', expense: 'Expenses to date', byCourtyard: 'Courtyard surplus (income − expenses)',
      head: '{n} entries signed', pending: 'Payments awaiting approval', entries: 'Every income and expense', reversal: 'Reversal',
      reversed: 'Reversed', approvals: 'Approved by', voucher: 'Voucher', more: 'Load more', focused: 'The entry you opened',
      plans: 'Plans for the surplus (spent / planned)', notice: 'Print this month\'s notice (PDF)', settlement: 'Courtyard settlement ({period})', carriedIn: 'Brought in', fees: 'Income', costs: 'Costs', carriedOut: 'Carried out',
      bank: 'Bank reconciliation', kind_basic: 'basic account', kind_general: 'general account',
      reconciled: '{m} of {n} statement lines matched', monthEnd: 'End of {month}', bankSide: 'bank', bookSide: 'books',
      review: 'under review', unexplained: 'Bank line with no matching entry',
    },
    bills: {
      covered: 'Bought for this household from common money', title: 'My property fees', owed: 'Owed', prepaid: 'Paid in advance', paid: 'Paid', partial: 'Part paid', open: 'Open',
      receipt: 'Receipt', method_wechat: 'WeChat Pay', method_alipay: 'Alipay', method_bank: 'Bank transfer', method_cash: 'Cash',
      arrears: 'Arrears (counts and sums only)', unitsInArrears: 'Units in arrears', owedSum: 'Owed',
    },
    manage: {
      title: 'Fees', billRun: 'Bill run (a bill for every unit)', period: 'Period', preview: 'Preview', commit: 'Issue the bills',
      previewSays: 'Preview:', done: 'Issued:', summary: '{bills} bills, {total} in all ({skipped} unit-months already billed, skipped)',
      payment: 'Record a payment', unit: 'Unit', amount: 'Amount (yuan)', method: 'Method', record: 'Record and print a receipt',
      invalid: 'Choose a unit and enter a valid amount', receiptTitle: 'Property fee receipt',
      scan: 'Scan to see this payment in the public books', print: 'Print the receipt', arrears: '{n} units owe {total}', since: 'Owes since', running: 'Billing {n} units…',
    },
    role: { resident: 'Resident', committee: 'Committee', trustee: 'Trustee', worker: 'Worker', staff: 'Community staff', auditor: 'Auditor' },
    common: { loading: 'Loading…', error: 'Something went wrong', retry: 'Retry', back: 'Back' },
  },
}

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('xinyi.lang') : null

export const i18n = createI18n({ legacy: false, locale: saved || 'zh-CN', fallbackLocale: 'zh-CN', messages })

export function setLocale(l) {
  i18n.global.locale.value = l
  localStorage.setItem('xinyi.lang', l)
  document.documentElement.lang = l
}
