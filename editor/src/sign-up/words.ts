import { makeUseWords } from '../shared/use-words';

export const useSignUpWords = makeUseWords({
  title: { en: 'Create your shop’s workspace', zh: '创建您店铺的工作区' },
  intro: {
    en: 'You will be its owner: invite your team, write the knowledge base and set up flows next.',
    zh: '您将是工作区的所有者：接下来可以邀请同事、编写知识库并设置流程。',
  },
  workspaceName: { en: 'Shop name', zh: '店铺名称' },
  name: { en: 'Your name', zh: '您的姓名' },
  email: { en: 'Email', zh: '邮箱' },
  password: { en: 'Choose a password', zh: '设置密码' },
  passwordHint: { en: 'At least 10 characters.', zh: '至少 10 个字符。' },
  passwordShort: { en: 'The password needs at least 10 characters.', zh: '密码至少需要 10 个字符。' },
  badEmail: { en: 'This is not an email address.', zh: '这不是有效的邮箱地址。' },
  create: { en: 'Create workspace', zh: '创建工作区' },
  creating: { en: 'Creating…', zh: '正在创建…' },
  taken: {
    en: 'An account with this email already exists: sign in instead.',
    zh: '该邮箱已有账号：请直接登录。',
  },
  tooMany: { en: 'Too many attempts. Wait a minute and try again.', zh: '尝试次数过多，请稍等一分钟再试。' },
  unreachable: { en: 'Could not reach the server. Try again.', zh: '无法连接服务器，请重试。' },
  failed: { en: 'That did not work:', zh: '操作失败：' },
  haveAccount: { en: 'Already have an account?', zh: '已经有账号？' },
  signIn: { en: 'Sign in', zh: '登录' },
  newHere: { en: 'New to Kefu?', zh: '第一次使用 Kefu？' },
  createLink: { en: 'Create a workspace', zh: '创建工作区' },
});
