// Words for the import's codes (layouts, roles, skip reasons), so the page never shows a raw identifier.

import type { FileRole, SkipReason } from '../../core/events';

const LAYOUTS: Record<string, string> = {
  'taobao-userbehavior': 'Taobao UserBehavior',
  'tag-lab': 'Tag Lab export',
  'rees46-ecommerce': 'REES46 e-commerce',
  'named-columns': 'named columns',
  custom: 'mapped by hand',
};

const ROLES: Record<FileRole, string> = {
  events: 'events',
  categories: 'category dictionary',
  truth: 'truth file',
};

export const SKIP_REASONS: Record<SkipReason, string> = {
  'bad-time': 'time not readable',
  'bad-count': 'count not a number',
  'negative-count': 'negative count',
  'zero-count': 'count of zero',
  'empty-user': 'user id empty',
  'empty-category': 'category empty',
  'unknown-action': 'action not recognised',
  'too-few-fields': 'too few fields',
  'bad-label': 'label not 0 or 1',
};

export function describeLayout(layout: string | null, role: FileRole): string {
  if (role !== 'events') return ROLES[role];
  return layout ? (LAYOUTS[layout] ?? layout) : 'mapped by hand';
}

export function describeRole(role: FileRole | null): string {
  return role ? ROLES[role] : 'unknown';
}

export function describeReason(reason: string): string {
  return SKIP_REASONS[reason as SkipReason] ?? reason;
}

/** The core's file messages start with the file name; where the page shows the name beside it, drop the repeat. */
export function withoutFileName(name: string, message: string): string {
  const prefix = `${name}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
