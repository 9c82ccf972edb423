#!/usr/bin/env node
// Bin entry. The only CLI file that touches `process`; it sets exitCode rather than calling
// process.exit() so that buffered stdout is flushed before Node exits.
import { createNodeIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv, createNodeIo(process));
