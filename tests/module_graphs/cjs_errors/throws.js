exports.partial = 1;
throw new Error('module body failed');
