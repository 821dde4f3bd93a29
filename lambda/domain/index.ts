/**
 * The domain's public surface: what the use cases (lambda/app), the entry points and the tests
 * call. Pure: parsing, chains, levels and roles, rules, reports, history decisions and the digest.
 * Tests import it as `#domain` (tsconfig paths); runtime code imports files relatively (the
 * compiled CLI is not bundled, so aliases would not resolve there).
 */
export * from './alert-message';
export * from './assess';
export * from './chain';
export * from './cluster-identity';
export * from './digest/build-digest';
export * from './digest/digest-from-history';
export * from './digest/digest-input';
export * from './format-date';
export * from './history/alert-plan';
export * from './history/alert-transitions';
export * from './history/keys';
export * from './history/records';
export * from './history/retirement';
export * from './history/scan-record';
export * from './model';
export * from './parse';
export * from './policy';
export * from './printable';
export * from './rbac/cluster-rbac';
export * from './rbac/least-privilege';
export * from './remediation';
export * from './report';
export * from './rules';
export * from './signals';
export * from './source-failure';
export * from './time';
export * from './upstream';
