#!/usr/bin/env node
// Bin entry. The only CLI file that touches `process`; it sets exitCode rather than calling
// process.exit() so that buffered stdout is flushed before Node exits.
import { createNodeIo } from './io.js';
import { runCli } from './program.js';

// asl-engine supports Node 20 and pins SDK versions that do; the SDK's notice that later versions
// will need Node 22 says nothing about this run, so `--services aws` stays quiet unless asked.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

process.exitCode = await runCli(process.argv, createNodeIo(process));
