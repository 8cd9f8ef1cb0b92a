// API errors in the reader's language (web/src/lib/errors-i18n.ts, src/domain/field-labels.ts): in
// Chinese the server's message stands; in English a sentence from the code, the field's English
// label and the details, so neither a Chinese sentence nor a schema key reaches an English reader.
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../src/domain/field-labels.ts';
import { errorFieldLabel, fieldErrorText, translateError } from '../web/src/lib/errors-i18n.ts';

const CJK = /[\u3400-\u9fff]/;

describe('fieldLabel', () => {
  it('names a form field by its label, never by its key', () => {
    expect(fieldLabel('contactEmail', 'zh')).toBe('联系邮箱');
    expect(fieldLabel('contactEmail', 'en')).toBe('Contact email');
    expect(fieldLabel('uscc', 'en')).toBe('Unified social credit code');
  });

  it('points at the item of a list: 0-based indexes count from 1, an import\'s sheet line is kept', () => {
    expect(fieldLabel('certifications[2].year', 'zh')).toBe('第 3 项的年度');
    expect(fieldLabel('certifications[2].year', 'en')).toBe('Year (item 3)');
    expect(fieldLabel('rows[12].uscc', 'en')).toBe('Unified social credit code (item 12)');
  });

  it('turns a key it does not know into words in English, and keeps a Chinese column name as written', () => {
    expect(fieldLabel('annualRevenueFen', 'en')).toBe('annual revenue fen');
    expect(fieldLabel('企业名册.地区', 'en')).toBe('地区');
  });
});

describe('translateError', () => {
  const emailRefused = { status: 400, code: 'INVALID', message: '请求体中的「联系邮箱」无效:邮箱格式不正确', field: 'contactEmail' };

  it('keeps the server\'s message in Chinese', () => {
    expect(translateError(emailRefused, 'zh')).toBe('请求体中的「联系邮箱」无效:邮箱格式不正确');
  });

  it('names the field by its English label in English, with no Chinese left', () => {
    expect(translateError(emailRefused, 'en')).toBe('Invalid value in field «Contact email». Check it and try again.');
  });

  it('keeps a schema check\'s own English reason', () => {
    const e = { code: 'INVALID', message: '查询参数中的「每页条数」无效:Too big: expected number to be <=100', field: 'pageSize' };
    expect(translateError(e, 'en')).toBe('Invalid value in field «Page size» (Too big: expected number to be <=100). Check it and try again.');
  });

  it('says a wrong sign-in in words that do not tell which of the two was wrong', () => {
    expect(translateError({ status: 401, code: 'UNAUTHENTICATED', message: '用户名或密码错误', field: 'password' }, 'en')).toBe('Wrong username or password.');
  });

  it('gives the wait of a lockout from its details', () => {
    const locked = { status: 423, code: 'LOCKED', message: '账号已锁定,请 15 分钟后再试', field: 'username', details: { retryAfterSeconds: 900 } };
    expect(translateError(locked, 'en')).toBe('Too many failed attempts. Try again in 15 minutes.');
    expect(translateError({ ...locked, details: { retryAfterSeconds: 1 } }, 'en')).toBe('Too many failed attempts. Try again in 1 second.');
  });

  it('gives an upload limit from its details (2 MB = 2,097,152 bytes)', () => {
    const big = { status: 413, code: 'TOO_LARGE', message: '请求体超过 2 MB 的上限', field: 'body', details: { limit: 'bytes', allowed: 2_097_152 } };
    expect(translateError(big, 'en')).toBe('The upload is over the size limit (at most 2 MB).');
    expect(translateError({ ...big, details: { limit: 'rows', allowed: 50_000 } }, 'en')).toBe('The upload is over the row limit (at most 50,000).');
  });

  it('says what was not found, without naming the address\'s id', () => {
    expect(translateError({ status: 404, code: 'NOT_FOUND', message: '企业档案不存在', field: 'id' }, 'en')).toBe('Not found: the record does not exist or is not visible to you.');
    expect(translateError({ status: 404, code: 'NOT_FOUND', message: '企业不存在', field: 'enterpriseId' }, 'en')).toBe('Not found: the enterprise does not exist or is not visible to you.');
  });

  it('reads every code without Chinese, and an unknown one by its HTTP status', () => {
    for (const code of ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'NETWORK', 'INTERNAL', 'UNSUPPORTED_MEDIA_TYPE']) {
      expect(translateError({ code, message: '某个中文说明' }, 'en')).not.toMatch(CJK);
    }
    expect(translateError({ status: 502, code: 'HTTP_502', message: '请求失败(HTTP 502)' }, 'en')).toBe('Server error (HTTP 502). Try again later.');
  });

  it('names a calculator fact by its English name and its item', () => {
    const e = { code: 'INVALID', message: 'facts.projects[0].annual_investment: 须填写年投资额', field: 'facts.projects[0].annual_investment' };
    expect(errorFieldLabel(e.field, 'en')).toBe('Annual investment in smart-manufacturing equipment, software and services (item 1)');
    expect(translateError(e, 'en')).not.toMatch(CJK);
  });
});

describe('fieldErrorText', () => {
  it('drops the lead-in naming the field in Chinese (the field\'s place says it)', () => {
    expect(fieldErrorText({ code: 'INVALID', message: '请求体中的「联系邮箱」无效:邮箱格式不正确', field: 'contactEmail' }, 'zh')).toBe('邮箱格式不正确');
    expect(fieldErrorText({ code: 'INVALID', message: 'facts.projects[0].annual_investment: 须填写年投资额', field: 'facts.projects[0].annual_investment' }, 'zh')).toBe('须填写年投资额');
  });
});
