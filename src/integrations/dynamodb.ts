// arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem (INTEGRATIONS.md §3, AWS
// connect-ddb): the API action as is, item values in DynamoDB JSON ({"S": "x"}). Result: the API
// response ({Item} for getItem, {Attributes} with ReturnValues, {} otherwise) plus the SDK metadata.
// Failures are DynamoDB.<Exception>, and DynamoDB.AmazonDynamoDBException for a ValidationException
// (recorded: a null Item, a table name with a slash).
import type { OptimizedService } from './optimized.js';
import type { FieldSpec } from './service-parameters.js';

const COMMON: FieldSpec = {
  ExpressionAttributeNames: 'object',
  ReturnConsumedCapacity: 'string',
  TableName: 'string',
};

const CONDITIONAL: FieldSpec = {
  ...COMMON,
  ConditionExpression: 'string',
  ConditionalOperator: 'string',
  Expected: 'object',
  ExpressionAttributeValues: 'object',
  ReturnItemCollectionMetrics: 'string',
  ReturnValues: 'string',
  ReturnValuesOnConditionCheckFailure: 'string',
};

export const DYNAMODB_INTEGRATION: OptimizedService = {
  service: 'dynamodb',
  vocabulary: { client: 'dynamodb', prefix: 'DynamoDB', serviceName: 'AmazonDynamoDBv2', catchAll: 'AmazonDynamoDBException' },
  headers: 'dynamodb-json',
  // AWS offers only request-response for DynamoDB (connect-ddb).
  callbacks: false,
  actions: {
    getItem: {
      action: 'GetItem',
      fields: { ...COMMON, AttributesToGet: 'array', ConsistentRead: 'boolean', Key: 'object', ProjectionExpression: 'string' },
    },
    putItem: { action: 'PutItem', fields: { ...CONDITIONAL, Item: 'object' } },
    updateItem: { action: 'UpdateItem', fields: { ...CONDITIONAL, AttributeUpdates: 'object', Key: 'object', UpdateExpression: 'string' } },
    deleteItem: { action: 'DeleteItem', fields: { ...CONDITIONAL, Key: 'object' } },
  },
};
