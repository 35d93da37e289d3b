'use strict';
// stream/promises: pipeline() and finished() returning promises.

const { pipelinePromise } = require('./stream_pipeline.js');
const { finishedPromise } = require('./stream_end_of_stream.js');

module.exports = { pipeline: pipelinePromise, finished: finishedPromise };
