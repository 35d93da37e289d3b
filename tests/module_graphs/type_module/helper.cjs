exports.kind = typeof require + ' ' + typeof module;
