/* global module, require */
// A CommonJS entry makes ncc emit a CommonJS bundle: Lambda finds the runtime's own
// @aws-sdk through NODE_PATH, which only require() honours (ES module imports do not).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
module.exports = require('./lambda.ts');
