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
    vote: {
      title: '业主表决', open: '进行中', passed: '通过', failed: '未通过', closesAt: '截止', closedAt: '结束于', matter: '表决事项',
      threshold_special: '须参与表决者专有面积和人数均达到四分之三以上同意', threshold_ordinary: '须参与表决者专有面积和人数均过半数同意',
      secret: '无记名投票', named: '记名投票', turnout: '已投票 {v} / {n} 户（法定人数 {q} 户）',
      turnoutArea: '已投票面积 {v} / {n} ㎡（须达 {q} ㎡）', quorumMet: '已达到法定人数', quorumNot: '尚未达到法定人数',
      for: '同意', against: '反对', abstain: '弃权', choose: '请选择（最多 {n} 项）', cast: '投票', change: '改票',
      receipt: '您的选票回执码', receiptHint: '表决结束后，可在公开的回执列表中查到这张选票，核对它被如实计入。',
      yourBallot: '您已投票：{c}（可在截止前改票）', notOwner: '只有登记在册的业主可以投票；请先用邀请码认领房屋。',
      signIn: '登录后投票', result: '表决结果', option: '选项', area: '面积 ㎡', owners: '户数', carried: '达到票数',
      figures: '计票依据：总面积 {ta} ㎡、总户数 {to}；参与 {va} ㎡、{vo} 户（含弃权 {ao} 户）。',
      quorumRule: '法定人数：参与面积和人数均不少于三分之二', receipts: '选票回执（{n} 张，按回执码排序）', findReceipt: '输入回执码查找',
      found: '找到了：这张选票被计为 {c}', notFound: '没有这个回执码', winners: '当选 / 胜出', committees: '委员会', tenders: '物业服务比选',
      members: '{n} 名成员，其中业主代表 {r} 名', petition: '{n} 户业主联名申请', serving: '在任', forming: '组建中', ended: '已卸任',
      channel_street_community: '街道社区推荐', channel_owners_joint: '业主联名推荐', channel_self: '自荐',
      price: '报价 ¥{p}/㎡·月', monthly: '每月约 {m}', remuneration: '酬金 {r}%', awarded: '中选', none: '暂无表决',
      proposal: '来自议题', proposals: '议题', p_open: '讨论中', p_adopted: '已通过', p_rejected: '未通过', comments: '{n} 条讨论', manage: '表决管理', create: '发起表决', name: '标题', closes: '截止时间', secretBallot: '无记名',
      created: '已发起', closeNow: '计票', paper: '录入纸质选票', scan: '选票扫描件（PDF/JPG）', enter: '录入', entered: '已录入，回执码 {r}',
      matters: ['', '业主大会议事规则', '管理规约', '选举或更换业委会成员', '选聘或解聘物业服务企业', '使用维修资金', '筹集维修资金', '改建、重建建筑物及附属设施', '改变共有部分用途或经营', '其他重大事项'],
    },
    charts: { monthly: '每月收入和支出', byCategory: '近 12 个月支出构成', income: '收入', expense: '支出' },
    verify: {
      title: '核验账本', what: '在您的手机上重算每一笔账目和签名，不需要信任服务器。', run: '核验',
      keySame: '本小区的公钥与您上次看到的相同', keyPinned: '首次核验：本小区的公钥已保存在本机', keyChangedBad: '警告：本小区的公钥与您上次看到的不同',
      signature: '树头签名有效（共 {n} 笔）', signatureBad: '树头签名无效',
      entries: '逐笔重算 {n} 笔账目的哈希，全部一致', entriesBad: '第 {index} 笔账目与公布的哈希不一致，或缺失',
      balanced: '每笔账目借贷相等（合计为 0 分）', balancedBad: '第 {index} 笔账目借贷不相等',
      root: '由全部账目重算的根哈希与签名一致（{root}…）', rootBad: '重算的根哈希与签名树头不一致',
      consistent: '与您 {when} 看到的 {n} 笔一致：历史没有被改写', consistentBad: '与您 {when} 看到的 {n} 笔不一致：历史被改写过',
      firstVisit: '首次核验：已在本机保存这次的树头，下次核验时检查历史是否被改写', firstVisitBad: '',
      held: '核验通过：账本完整，与签名一致。', failed: '核验未通过：账本与签名不一致，请联系社区。', error: '核验时出错',
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
    vote: {
      title: 'Owners\u2019 votes', open: 'Open', passed: 'Passed', failed: 'Not passed', closesAt: 'Closes', closedAt: 'Closed', matter: 'Matter',
      threshold_special: 'Needs three quarters of the area and of the owners taking part', threshold_ordinary: 'Needs more than half of the area and of the owners taking part',
      secret: 'Secret ballot', named: 'Open ballot', turnout: '{v} of {n} owners have voted (quorum {q})',
      turnoutArea: '{v} of {n} m² have voted (quorum {q} m²)', quorumMet: 'Quorum reached', quorumNot: 'Quorum not yet reached',
      for: 'For', against: 'Against', abstain: 'Abstain', choose: 'Choose (at most {n})', cast: 'Vote', change: 'Change my vote',
      receipt: 'Your ballot receipt code', receiptHint: 'When the vote closes, find this ballot in the public list of receipts and check it was counted as cast.',
      yourBallot: 'You voted: {c} (you can change it until the close)', notOwner: 'Only owners on the roll can vote; claim your unit with its invite code first.',
      signIn: 'Sign in to vote', result: 'Result', option: 'Option', area: 'Area m²', owners: 'Owners', carried: 'Carried',
      figures: 'Counted against: total {ta} m², {to} owners; taking part {va} m², {vo} owners ({ao} abstained).',
      quorumRule: 'Quorum: two thirds of the area and of the owners take part', receipts: 'Ballot receipts ({n}, sorted by code)', findReceipt: 'Find a receipt code',
      found: 'Found: this ballot was counted as {c}', notFound: 'No such receipt code', winners: 'Elected / chosen', committees: 'Committees', tenders: 'Choosing a provider',
      members: '{n} members, {r} of them residents\u2019 representatives', petition: '{n} households petitioned', serving: 'Serving', forming: 'Forming', ended: 'Ended',
      channel_street_community: 'Street/community', channel_owners_joint: 'Owners jointly', channel_self: 'Self-nominated',
      price: '¥{p}/m²·month', monthly: 'about {m} a month', remuneration: 'remuneration {r}%', awarded: 'Chosen', none: 'No votes yet',
      proposal: 'From a proposal', proposals: 'Proposals', p_open: 'Under discussion', p_adopted: 'Adopted', p_rejected: 'Rejected', comments: '{n} comments', manage: 'Votes', create: 'Start a vote', name: 'Title', closes: 'Closes at', secretBallot: 'Secret',
      created: 'Started', closeNow: 'Count', paper: 'Enter a paper ballot', scan: 'Ballot scan (PDF/JPG)', enter: 'Enter', entered: 'Entered, receipt {r}',
      matters: ['', 'Assembly rules of procedure', 'Management rules', 'Electing the owners\u2019 committee', 'Hiring or dismissing the provider', 'Using the maintenance fund', 'Raising the maintenance fund', 'Rebuilding buildings or facilities', 'Changing the use of common parts', 'Other major matters'],
    },
    charts: { monthly: 'Income and expenses by month', byCategory: 'Expenses of the last 12 months by category', income: 'Income', expense: 'Expenses' },
    verify: {
      title: 'Verify the books', what: 'Recomputes every entry and the signature on your phone; no need to trust the server.', run: 'Verify',
      keySame: 'The compound\u2019s public key is the one you saw before', keyPinned: 'First check here: the compound\u2019s public key is saved on this device', keyChangedBad: 'Warning: the compound\u2019s public key differs from the one you saw before',
      signature: 'The tree head\u2019s signature is valid ({n} entries)', signatureBad: 'The tree head\u2019s signature is not valid',
      entries: 'All {n} entries re-hashed: every one matches', entriesBad: 'Entry {index} does not match its published hash, or is missing',
      balanced: 'Every entry balances (postings sum to 0 fen)', balancedBad: 'Entry {index} does not balance',
      root: 'The root recomputed from every entry matches the signature ({root}…)', rootBad: 'The recomputed root does not match the signed head',
      consistent: 'Consistent with the {n} entries you saw on {when}: history was not rewritten', consistentBad: 'Not consistent with the {n} entries you saw on {when}: history was rewritten',
      firstVisit: 'First check here: this head is saved on this device; the next check tests that history is not rewritten', firstVisitBad: '',
      held: 'Verified: the books are complete and match the signature.', failed: 'Not verified: the books do not match the signature. Tell the community office.', error: 'Verification failed to run',
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
