import type { MessageTable } from '../types';

export const auth = {
  'auth.signIn.title': { ja: 'ログイン', en: 'Sign in' },
  'auth.signIn.intro': {
    ja: 'メールアドレスを入力してください。ログイン用の確認コードをお送りします。パスワードは不要です。',
    en: 'Enter your email address and we will send you a sign-in code. No password needed.',
  },
  'auth.signIn.email': { ja: 'メールアドレス', en: 'Email address' },
  'auth.signIn.submit': { ja: '確認コードを送る', en: 'Send me a code' },
  'auth.signIn.rateLimited': {
    ja: '確認コードの送信回数が上限に達しました。15分ほど時間をおいてから、もう一度お試しください。',
    en: 'Too many codes were requested. Please wait about 15 minutes and try again.',
  },
  'auth.code.title': { ja: '確認コードの入力', en: 'Enter your code' },
  'auth.code.sent': {
    ja: '登録されているメールアドレスであれば、確認コードをお送りしました。メールに記載の8桁のコードを入力してください。コードの有効期限は15分です。',
    en: 'If this address is registered, we have sent it a sign-in code. Enter the 8-digit code from the email. It expires in 15 minutes.',
  },
  'auth.code.fromLink': {
    ja: 'メールのリンクから開きました。ご本人であれば「ログインする」を押してください。',
    en: 'You opened the link from the email. If this is you, press “Sign in”.',
  },
  'auth.code.label': { ja: '確認コード（8桁）', en: 'Code (8 digits)' },
  'auth.code.submit': { ja: 'ログインする', en: 'Sign in' },
  'auth.code.invalid': {
    ja: 'コードが正しくないか、有効期限が切れています。',
    en: 'That code is wrong or has expired.',
  },
  'auth.code.dead': {
    ja: 'このコードは使えなくなりました。お手数ですが、もう一度コードを送ってください。',
    en: 'This code can no longer be used. Please request a new one.',
  },
  'auth.code.format': {
    ja: '8桁の数字を入力してください。',
    en: 'Please enter the 8-digit code.',
  },
  'auth.code.requestNew': { ja: '新しいコードを送る', en: 'Send a new code' },
} satisfies MessageTable;
