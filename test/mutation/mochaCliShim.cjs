// Lets @stryker-mutator/mocha-runner find Mocha 12's CLI helpers, which moved to .cjs files it requires without an extension.
'use strict';
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  try {
    return resolve.call(this, request, ...rest);
  } catch (error) {
    // Only Mocha's CLI folder, only extensionless requests: everything else fails as it would have.
    if (/[\\/]mocha[\\/]lib[\\/]cli[\\/][\w-]+$/.test(request)) return resolve.call(this, `${request}.cjs`, ...rest);
    throw error;
  }
};
