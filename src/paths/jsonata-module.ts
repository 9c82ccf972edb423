// The jsonata package costs about 40 ms to import and most definitions never use it, so it is
// loaded on first use (a synchronous require keeps compile and validate synchronous).
import { createRequire } from 'node:module';
import type jsonataType from 'jsonata';

const requireModule = createRequire(import.meta.url);
let loaded: typeof jsonataType | undefined;

export function loadJsonata(): typeof jsonataType {
  return (loaded ??= requireModule('jsonata') as typeof jsonataType);
}
