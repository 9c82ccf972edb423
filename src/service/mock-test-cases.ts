// Step Functions Local's mock test cases in the engine: the engine holds one MockConfigFile, and
// each execution may run under one of its test cases. The test case is kept in the execution's
// attributes, so that a resumed execution goes on with the same mocks.
import type { JsonObject, JsonValue } from '../core/json.js';

/** What engine.start and engine.startExpress throw for a test case the MockConfigFile does not have (or no file). */
export { MockConfigError } from '../integrations/mock-config.js';

/** The attribute that names an execution's test case (a key of its machine's TestCases). */
export const TEST_CASE_ATTRIBUTE = 'asl:mockTestCase';

export function testCaseOf(attributes: Readonly<Record<string, JsonValue>>): string | undefined {
  const value = attributes[TEST_CASE_ATTRIBUTE];
  return typeof value === 'string' ? value : undefined;
}

export function withTestCase(attributes: Readonly<Record<string, JsonValue>>, testCase: string | undefined): JsonObject {
  return testCase === undefined ? { ...attributes } : { ...attributes, [TEST_CASE_ATTRIBUTE]: testCase };
}
