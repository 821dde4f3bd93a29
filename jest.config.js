// ESM-only packages (client-node 2.x and its deps) are transformed to CommonJS with swc.
const esmOnly = [
  '@kubernetes/client-node',
  'openid-client',
  'oauth4webapi',
  'jose',
  'socks-proxy-agent',
  'agent-base',
  'jsonpath-plus',
  '@jsep-plugin',
  'rfc4648',
  'hpagent',
  'isomorphic-ws',
  'stream-buffers',
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/global-setup.js',
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsc type-checks with module preserve + verbatimModuleSyntax; jest runs CommonJS (tsconfig.jest.json).
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/tsconfig.jest.json' }],
    '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Path aliases of tsconfig.json (tests import #domain/..., #app/..., #support/... instead of ../../../).
  moduleNameMapper: {
    '^#domain$': '<rootDir>/lambda/domain/index.ts',
    '^#(domain|app|adapters|ports|config|cli|handlers)/(.*)$': '<rootDir>/lambda/$1/$2',
    '^#lib/(.*)$': '<rootDir>/lib/$1',
    '^#support/(.*)$': '<rootDir>/test/support/$1',
    '^#simulator$': '<rootDir>/test/simulator',
    '^#simulator/(.*)$': '<rootDir>/test/simulator/$1',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  reporters: ['default', '<rootDir>/.ci/ci-summary-reporter.js'],
  testTimeout: 30000,
};
