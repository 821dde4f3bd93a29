/** Renders an AlertMessage as Slack Block Kit plus a plain-text fallback. Pure; no SDK. */
import type { SourceLocation } from '../../domain/model';
import { ruleDocAnchor } from '../../domain/rule-doc';
import type { AlertMessage } from '../../ports/notifier';

/** A Block Kit block as Slack's JSON (kept loose: the SDK's own types are a union of dozens). */
export type SlackBlock = { readonly type: string; readonly [field: string]: unknown };

const SEVERITY_EMOJI: Readonly<Record<string, string>> = {
  critical: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_blue_circle:',
};
const TRANSITION_WORD: Readonly<Record<AlertMessage['transition'], string>> = {
  opened: '',
  escalated: 'Escalated: ',
  renotified: 'Still open: ',
  resolved: 'Resolved: ',
};
const MAX_SOURCES_SHOWN = 3;
const MAX_TEXT = 2900; // Slack rejects section text over 3000 characters
const MAX_FIELD = 1900; // and a field over 2000

/** `root_expiring_soon` → `Root expiring soon`. */
export function ruleInWords(rule: string): string {
  const words = rule
    .replace(/[_-]+/g, ' ')
    .trim()
    .replace(/\b(ca|tls|sha1|rsa)\b/g, (word) => word.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One source as a person would look it up: `Secret istio-system/cacerts [ca-cert.pem]`. */
export function describeSource(source: SourceLocation): string {
  const where = source.namespace ? `${source.namespace}/${source.name}` : source.name;
  return `${source.kind} ${where}${source.key ? ` [${source.key}]` : ''}`;
}

/** First few sources plus `+N more`, so a certificate seen in 40 namespaces stays readable. */
export function summariseSources(sources: readonly SourceLocation[]): string {
  if (sources.length === 0) return 'unknown';
  const shown = sources.slice(0, MAX_SOURCES_SHOWN).map(describeSource);
  const more = sources.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Slack mrkdwn treats `&`, `<` and `>` as markup (links, mentions): escape them in our data. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Header line: emoji, transition and the rule in words. */
export function alertTitle(message: AlertMessage): string {
  const emoji =
    message.transition === 'resolved' ? ':white_check_mark:' : SEVERITY_EMOJI[message.finding.severity];
  return `${emoji} ${TRANSITION_WORD[message.transition]}${ruleInWords(message.finding.rule)}`;
}

function daysLeftText(daysLeft: number | undefined): string {
  if (daysLeft === undefined) return 'n/a';
  return daysLeft < 0 ? `expired ${-daysLeft} d ago` : `${daysLeft} d`;
}

function fields(message: AlertMessage): SlackBlock[] {
  const pairs: Array<[string, string]> = [
    ['Cluster', message.cluster],
    ['Severity', message.finding.severity.toUpperCase()],
    ['Mesh', message.mesh ?? 'n/a'],
    ['Level', message.level ?? 'n/a'],
    ['Subject', message.subject || 'n/a'],
    ['Days left', daysLeftText(message.daysLeft)],
  ];
  return pairs.map(([label, value]) => ({
    type: 'mrkdwn',
    text: clip(`*${label}*\n${escapeMrkdwn(value)}`, MAX_FIELD),
  }));
}

/** Block Kit for one alert: header, fields, where it lives, message and remediation. */
export function alertBlocks(message: AlertMessage): SlackBlock[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: alertTitle(message).slice(0, 150), emoji: true } },
    { type: 'section', fields: fields(message) },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Where*\n${escapeMrkdwn(summariseSources(message.sources))}`) },
    },
    { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(message.finding.message)) } },
  ];
  if (message.finding.remediation && message.transition !== 'resolved') {
    const text = clip(`*What to do*\n${escapeMrkdwn(message.finding.remediation)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const doc = ruleDocAnchor(message.finding.rule);
  const context = clip(escapeMrkdwn(`certwatch · ${message.key} · rule: ${doc}`), MAX_FIELD);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  return blocks;
}

/** Plain-text fallback (notifications, screen readers, clients without blocks). */
export function alertText(message: AlertMessage): string {
  const severity = message.finding.severity.toUpperCase();
  const prefix = TRANSITION_WORD[message.transition];
  return escapeMrkdwn(`${prefix}[${severity}] ${message.cluster}: ${message.finding.message}`);
}
