import { describe, expect, it } from 'vitest';
import { automatedReason } from '~/modules/relay/automated-mail.server';

const person = { from: 'Hanako <hanako@example.jp>', subject: 'Re: コース変更のお知らせ' };

describe('mail a machine sent is recognised (RFC 3834) and never answered', () => {
  it.each([
    [
      'Auto-Submitted: auto-replied',
      { headers: { 'Auto-Submitted': 'auto-replied' } },
      'auto_submitted',
    ],
    [
      'Auto-Submitted: auto-generated (any case)',
      { headers: { 'auto-submitted': 'Auto-Generated' } },
      'auto_submitted',
    ],
    ['Precedence: bulk', { headers: { Precedence: 'bulk' } }, 'precedence'],
    ['Precedence: list', { headers: { Precedence: 'list' } }, 'precedence'],
    ['Precedence: junk', { headers: { Precedence: 'junk' } }, 'precedence'],
    ['an empty return path', { headers: { 'Return-Path': '<>' } }, 'bounce'],
    ['MAILER-DAEMON', { from: 'MAILER-DAEMON@mx.example.com' }, 'bounce'],
    ['postmaster', { from: 'Postmaster <postmaster@example.jp>' }, 'bounce'],
    [
      'a delivery status report',
      { headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary=x' } },
      'bounce',
    ],
    ['X-Failed-Recipients', { headers: { 'X-Failed-Recipients': 'a@example.com' } }, 'bounce'],
    ['X-Autoreply', { headers: { 'X-Autoreply': 'yes' } }, 'autoreply_header'],
    ['X-Autorespond', { headers: { 'X-Autorespond': 'Vacation' } }, 'autoreply_header'],
    ['List-Id', { headers: { 'List-Id': '<runners.example.com>' } }, 'list'],
    ['List-Unsubscribe', { headers: { 'List-Unsubscribe': '<https://example.com/u>' } }, 'list'],
    [
      '"Automatic reply:" in the subject',
      { subject: 'Automatic reply: コース変更' },
      'auto_subject',
    ],
    ['"Out of Office" in the subject', { subject: 'Out of Office: Re: course' }, 'auto_subject'],
    ['「自動応答:」 in the subject', { subject: '自動応答: Re: コース変更' }, 'auto_subject'],
    ['「不在通知」 in the subject', { subject: '不在通知:Re: コース変更' }, 'auto_subject'],
    ['"Undeliverable:" in the subject', { subject: 'Undeliverable: コース変更' }, 'auto_subject'],
  ])('%s', (_name, extra, reason) => {
    expect(automatedReason({ ...person, ...extra })).toBe(reason);
  });
});

describe('mail a person wrote passes', () => {
  it.each([
    ['no special headers', {}],
    ['Auto-Submitted: no', { headers: { 'Auto-Submitted': 'no' } }],
    ['an ordinary Return-Path', { headers: { 'Return-Path': '<hanako@example.jp>' } }],
    ['a subject that mentions being away', { subject: 'Re: 当日は不在の家族が応援に行きます' }],
    ['Precedence: first-class', { headers: { Precedence: 'first-class' } }],
  ])('%s', (_name, extra) => {
    expect(automatedReason({ ...person, ...extra })).toBeNull();
  });
});
