// asl-engine (dist/) for the shared harness: node ../shared/bench/run.mjs bench/shared-adapter.mjs
// (run `npm run build` first). The contract is the one in ../shared/bench/README.md.
export { info, load, run, cliCommand } from './engines/asl-engine.mjs';
