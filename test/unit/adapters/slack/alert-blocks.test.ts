/** Block Kit rendering of alerts: limits, escaping and what each transition shows. */
import {
  alertBlocks,
  alertText,
  escapeMrkdwn,
  ruleInWords,
  summariseSources,
} from '#adapters/slack/alert-blocks';
import type { AlertMessage } from '#ports/notifier';

const base: AlertMessage = {
  key: 'k',
  transition: 'opened',
  cluster: 'prod',
  finding: {
    severity: 'warning',
    rule: 'intermediate_expiring',
    message: 'expires in < 90 days & soon',
    remediation: 'Re-issue <it>.',
  },
  sources: [],
};

const texts = (message: AlertMessage) => JSON.stringify(alertBlocks(message));

describe('alert blocks', () => {
  it('escapes Slack markup characters in data', () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(texts(base)).toContain('expires in &lt; 90 days &amp; soon');
    expect(texts(base)).toContain('Re-issue &lt;it&gt;.');
    expect(alertText(base)).toBe('[WARNING] prod: expires in &lt; 90 days &amp; soon');
  });

  it('names the rule in words and lists sources without "+0 more"', () => {
    expect(ruleInWords('intermediate_expiring')).toBe('Intermediate expiring');
    expect(ruleInWords('ca_issuer_expired_but_ready')).toBe('CA issuer expired but ready');
    expect(ruleInWords('sha1_signature')).toBe('SHA1 signature');
    const three = ['a', 'b', 'c'].map((name) => ({
      kind: 'ConfigMap',
      namespace: name,
      name: 'istio-ca-root-cert',
    }));
    expect(summariseSources(three)).not.toContain('more');
    expect(summariseSources([...three, { kind: 'File', name: '/etc/ca.pem' }])).toMatch(/ \+1 more$/);
    expect(summariseSources([])).toBe('unknown');
  });

  it("links the rule's anchor in docs/rules.md in the context line", () => {
    const blocks = alertBlocks(base);
    expect(JSON.stringify(blocks.at(-1))).toContain('rule: docs/rules.md#intermediate_expiring');
  });

  it('drops the remediation from a resolution', () => {
    expect(texts({ ...base, transition: 'resolved' })).not.toContain('What to do');
    expect(texts(base)).toContain('What to do');
  });

  it('keeps every text inside Slack limits for huge input', () => {
    const huge = 'x'.repeat(10_000);
    const blocks = alertBlocks({
      ...base,
      subject: huge,
      finding: { ...base.finding, message: huge, remediation: huge },
    });
    for (const block of blocks) {
      const fields = (block.fields as Array<{ text: string }> | undefined) ?? [];
      for (const field of fields) expect(field.text.length).toBeLessThanOrEqual(2000);
      const text = (block.text as { text: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
    }
  });
});
