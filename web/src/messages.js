// The messages every feature shares: the app's name and navigation, compound models, the
// large-text switch, roles, common words, and the money confirmation (src/amounts.js).
// In zh-CN and en; src/i18n.js merges them with each feature's messages.js.
export default {
  'zh-CN': {
    app: {
      name: '信义',
      tagline: '信托制小区 · 收支公开 · 人人可查',
    },
    nav: {
      home: '小区',
      me: '我的',
      login: '登录',
      logout: '退出登录',
      lang: 'English',
    },
    model: {
      hourly: '钟点式物业',
      committee: '物管委',
      community_run: '社区领办物业',
      merged: '九院合一',
      charity: '慈善基金',
    },
    money: {
      figures: '金额',
      capital: '大写',
      owed: '该户待缴',
      confirm: '确认登记',
      back: '返回修改',
      check: '请核对金额和大写无误后再确认。',
      booked: '登记后即记入公开账本，只能冲正，不能修改。',
      settlesAll: '这笔钱正好缴清该户的全部待缴账单。',
      stillOwed: '这笔钱全部用于缴账单，缴后该户仍欠 {rest}。',
      allPrepaid: '该户目前没有待缴账单：{amount} 全部记为预缴（预存），抵扣以后的账单。',
      partPrepaid: '其中 {owed} 缴清待缴账单，多出的 {extra} 记为预缴（预存），抵扣以后的账单。',
    },
    elder: {
      on: '大字',
      off: '标准字',
    },
    role: {
      resident: '住户',
      committee: '委员',
      trustee: '受托人',
      worker: '服务人员',
      staff: '社区工作人员',
      auditor: '监察人',
    },
    common: {
      loading: '加载中…',
      error: '出错了',
      retry: '重试',
      back: '返回',
      vocabularyFailed: '未能读取可选项，请重试',
    },
  },
  en: {
    app: {
      name: 'Xinyi',
      tagline: 'Trust-model compounds · open books anyone can check',
    },
    nav: {
      home: 'Compounds',
      me: 'Me',
      login: 'Sign in',
      logout: 'Sign out',
      lang: '中文',
    },
    model: {
      hourly: 'Hourly service',
      committee: 'Mgmt committee',
      community_run: 'Community-run',
      merged: 'Merged courtyards',
      charity: 'Charity fund',
    },
    money: {
      figures: 'Amount',
      capital: 'In capitals (大写)',
      owed: 'The unit owes',
      confirm: 'Record it',
      back: 'Go back',
      check: 'Check the amount and the capitals before you confirm.',
      booked: 'Once recorded it is in the public books: it can be reversed, never edited.',
      settlesAll: 'This pays exactly everything the unit owes.',
      stillOwed: 'All of it goes to the bills; the unit will still owe {rest}.',
      allPrepaid:
        'The unit owes nothing now: all {amount} is kept as a prepayment (预缴) for the bills to come.',
      partPrepaid:
        '{owed} pays the bills the unit owes; the other {extra} is kept as a prepayment (预缴) for the bills to come.',
    },
    elder: {
      on: 'Large text',
      off: 'Normal text',
    },
    role: {
      resident: 'Resident',
      committee: 'Committee',
      trustee: 'Trustee',
      worker: 'Worker',
      staff: 'Community staff',
      auditor: 'Auditor',
    },
    common: {
      loading: 'Loading…',
      error: 'Something went wrong',
      retry: 'Retry',
      back: 'Back',
      vocabularyFailed: 'Could not load the choices; please retry',
    },
  },
}
