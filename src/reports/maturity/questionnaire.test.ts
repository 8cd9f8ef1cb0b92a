import { describe, expect, it } from 'vitest';
import { loadInstruments } from '../../io/instruments.ts';
import type { Sme2024Instrument } from '../../domain/maturity/instrument.ts';
import { questionnaireHtml, questionnaireText } from './questionnaire.ts';

const sme = loadInstruments()['miit-sme-2024'];

describe('2024年版评测问卷(工信厅企业〔2024〕56号)', () => {
  it('纯文本问卷列出每道题、每个选项与分值、证明数据、16 个场景和等级判定', () => {
    const t = questionnaireText(sme);
    for (const q of sme.questions) {
      expect(t).toContain(q.text);
      for (const o of q.options) expect(t).toContain(`${o.key}. ${o.label}`);
    }
    expect(t).toContain('1. 网络建设(8分,多选)企业网络建设连接情况');
    expect(t).toContain('□ A. 无 —— 0分(与其他选项互斥)');
    expect(t).toContain('□ B. (10%,20%] —— 1.875分');
    expect(t).toContain('证明数据:实现联网的生产设备数量(台):__________');
    expect(t.match(/^ {4}场景\d+\. /gm)).toHaveLength(16);
    expect(t.match(/【约束性】/g)).toHaveLength(10);
    expect(t.match(/【指导性】/g)).toHaveLength(6);
    expect(t).toContain('三级:基础+管理+成效≥60分,且≥8个场景达到三级(其中约束性≥5个)');
    expect(t).toContain('等级判定(二手来源)');
    // the secondary 资金保障 bands and option F carry their caveats where they are used
    expect(t).toMatch(/资金保障\(7\.5分,单选\).*【二手来源:档位/);
    expect(t).toMatch(/□ F\. 定期组织员工.*7\.5分【二手来源:/);
  });

  it('打印 HTML 为 A4 自包含页面,所有文字经转义', () => {
    const h = questionnaireHtml(sme);
    expect(h).toContain('size: A4 portrait');
    expect(h).not.toMatch(/<script|<link|src=/);
    expect(h).toContain('(10%,20%]');
    expect(h.match(/class="tag">约束性</g)).toHaveLength(10);
    const hostile: Sme2024Instrument = { ...sme, title: '<b>"x" & \'y\'</b>', scenes: sme.scenes.map((s, i) => (i === 0 ? { ...s, name: '<script>alert(1)</script>' } : s)) };
    const out = questionnaireHtml(hostile);
    expect(out).toContain('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('<script>');
  });
});
