import { describe, expect, it } from 'vitest';
import { findPii, isBankCard, isChineseIdCard, maskPii } from './pii';

describe('personal data in text', () => {
  it('masks mainland mobile numbers however they are written', () => {
    expect(maskPii('call me on 13812345678 please')).toBe('call me on 138****5678 please');
    expect(maskPii('我的手机 138 1234 5678')).toBe('我的手机 138****5678');
    expect(maskPii('+86 138-1234-5678')).toBe('86138****5678');
    expect(maskPii('电话:15900001111。')).toBe('电话:159****1111。');
  });

  it('masks email addresses, keeping the domain', () => {
    expect(maskPii('write to ann.lee+shop@example.com.cn now')).toBe('write to a***@example.com.cn now');
  });

  it('masks a resident ID number only when its check character holds', () => {
    // GB 11643 example number: check character X.
    expect(isChineseIdCard('11010519491231002X')).toBe(true);
    expect(isChineseIdCard('110105194912310021')).toBe(false);
    expect(maskPii('身份证 11010519491231002X')).toBe('身份证 1101**********002X');
    expect(maskPii('身份证 110105194912310021')).toBe('身份证 110105194912310021');
  });

  it('masks card numbers with a Luhn sum and a network prefix, leaving order numbers alone', () => {
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(isBankCard('6222020200112233445')).toBe(false);
    expect(maskPii('卡号 4111 1111 1111 1111')).toBe('卡号 **** 1111');
    // A UnionPay-style 19-digit number (62…, Luhn check digit 9).
    expect(maskPii('card 6212 2611 0200 4019 009')).toBe('card **** 9009');
    // An order number: no network prefix, or no Luhn sum.
    expect(maskPii('订单号 2026120712345678')).toBe('订单号 2026120712345678');
    expect(maskPii('order 4111111111111112')).toBe('order 4111111111111112');
  });

  it('leaves numbers that are part of something else, amounts and dates', () => {
    expect(findPii('SKU A13812345678B, ¥199.00 on 2026-12-07, https://x.cn/13812345678x')).toEqual([]);
    expect(maskPii('no personal data here')).toBe('no personal data here');
  });

  it('finds several kinds in one message, in order', () => {
    const text = 'Ann, 13812345678, ann@example.com, 11010519491231002X';
    expect(findPii(text).map((h) => h.kind)).toEqual(['phone', 'email', 'idCard']);
  });
});
