import { makeUseWords } from '../shared/use-words';

export const useAcceptWords = makeUseWords({
  checking: { en: 'Checking your invitation…', zh: '正在核对您的邀请…' },
  title: { en: 'Join', zh: '加入' },
  asRole: { en: 'You are invited as', zh: '您受邀担任' },
  email: { en: 'Email', zh: '邮箱' },
  name: { en: 'Your name', zh: '您的姓名' },
  password: { en: 'Choose a password', zh: '设置密码' },
  passwordHint: { en: 'At least 10 characters.', zh: '至少 10 个字符。' },
  passwordShort: { en: 'The password needs at least 10 characters.', zh: '密码至少需要 10 个字符。' },
  accept: { en: 'Accept and sign in', zh: '接受并登录' },
  accepting: { en: 'Joining…', zh: '正在加入…' },
  haveAccount: { en: 'Already have an account here?', zh: '已经有账号？' },
  signIn: { en: 'Sign in', zh: '登录' },
  invalidTitle: { en: 'This invitation link does not work', zh: '此邀请链接无效' },
  invalid: {
    en: 'The link is incomplete or was replaced by a newer invitation. Ask the person who invited you to send it again.',
    zh: '链接不完整，或已被新的邀请取代。请联系邀请您的人重新发送。',
  },
  expiredTitle: { en: 'This invitation has expired', zh: '此邀请已过期' },
  expired: {
    en: 'Invitations work for 7 days. Ask the person who invited you to send a new one.',
    zh: '邀请在 7 天内有效。请联系邀请您的人重新发送。',
  },
  usedTitle: { en: 'This invitation was already accepted', zh: '此邀请已被接受' },
  used: { en: 'Sign in with the email and password you chose.', zh: '请使用您设置的邮箱和密码登录。' },
  taken: {
    en: 'An account with this email already exists: sign in instead.',
    zh: '该邮箱已有账号：请直接登录。',
  },
  unreachable: { en: 'Could not reach the server.', zh: '无法连接服务器。' },
  failed: { en: 'That did not work:', zh: '操作失败：' },
  retry: { en: 'Retry', zh: '重试' },
});
