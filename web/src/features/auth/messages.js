// Signing in, registering and claiming a unit.
// In zh-CN and en, merged by src/i18n.js. A key lives with the only feature that shows it,
// else with its namespace's own feature.
export default {
  'zh-CN': {
    login: {
      title: '登录',
      login: '手机号或用户名',
      password: '密码',
      submit: '登录',
      register: '没有账号？注册',
      demo: '演示账号密码均为 xinyi-demo',
    },
    register: {
      title: '注册',
      phone: '手机号',
      name: '姓名',
      password: '密码（至少 8 位）',
      submit: '注册并登录',
    },
    claim: {
      title: '认领房屋',
      code: '邀请码',
      hint: '邀请码印在业委会发放的纸质通知上，8 位字母和数字。',
      submit: '认领',
      done: '认领成功',
    },
  },
  en: {
    login: {
      title: 'Sign in',
      login: 'Phone or user name',
      password: 'Password',
      submit: 'Sign in',
      register: 'No account? Register',
      demo: 'Every demo account uses the password xinyi-demo',
    },
    register: {
      title: 'Register',
      phone: 'Mobile number',
      name: 'Name',
      password: 'Password (8+ characters)',
      submit: 'Register and sign in',
    },
    claim: {
      title: 'Claim a unit',
      code: 'Invite code',
      hint: 'The 8-character code is printed on the paper notice from your committee.',
      submit: 'Claim',
      done: 'Unit claimed',
    },
  },
}
