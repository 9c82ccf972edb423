// What `Ref` and `Fn::GetAtt` of a template's own resources give, as well-formed local values of the
// right service: the names and ARNs the local world and `--lambda NAME=...` expect. A resource's
// name is its name property (FunctionName, TopicName...) when the template sets one, else its
// logical id (CloudFormation would generate one; the logical id is what a reader recognises).

/** Where the stack "is": the same defaults as createStateMachine, so ARNs line up. */
export interface StackEnvironment {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

type Attributes = (name: string, env: StackEnvironment) => { readonly ref: string; readonly attributes: Readonly<Record<string, string>> };

const lambdaFunction: Attributes = (name, { partition, region, accountId }) => ({
  ref: name,
  attributes: { Arn: `arn:${partition}:lambda:${region}:${accountId}:function:${name}` },
});

const stateMachine: Attributes = (name, { partition, region, accountId }) => {
  const arn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${name}`;
  return { ref: arn, attributes: { Arn: arn, Name: name } };
};

const table: Attributes = (name, { partition, region, accountId }) => {
  const arn = `arn:${partition}:dynamodb:${region}:${accountId}:table/${name}`;
  return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` } };
};

/** Per resource type: the property naming it, and what Ref and GetAtt give. */
const RESOURCE_TYPES: Readonly<Record<string, { readonly nameProperty: string | undefined; readonly values: Attributes }>> = {
  'AWS::Serverless::Function': { nameProperty: 'FunctionName', values: lambdaFunction },
  'AWS::Lambda::Function': { nameProperty: 'FunctionName', values: lambdaFunction },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    values: (name, { partition, region, accountId }) => {
      const arn = `arn:${partition}:sns:${region}:${accountId}:${name}`;
      return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    values: (name, { partition, region, accountId }) => {
      const url = `https://sqs.${region}.amazonaws.com/${accountId}/${name}`;
      return { ref: url, attributes: { Arn: `arn:${partition}:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl: url } };
    },
  },
  'AWS::DynamoDB::Table': { nameProperty: 'TableName', values: table },
  'AWS::DynamoDB::GlobalTable': { nameProperty: 'TableName', values: table },
  'AWS::Serverless::SimpleTable': { nameProperty: 'TableName', values: table },
  'AWS::StepFunctions::StateMachine': { nameProperty: 'StateMachineName', values: stateMachine },
  'AWS::Serverless::StateMachine': { nameProperty: 'Name', values: stateMachine },
  'AWS::StepFunctions::Activity': {
    nameProperty: 'Name',
    values: (name, { partition, region, accountId }) => {
      const arn = `arn:${partition}:states:${region}:${accountId}:activity:${name}`;
      return { ref: arn, attributes: { Name: name } };
    },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    values: (name, { partition, region, accountId }) => ({
      ref: name,
      attributes: { Arn: `arn:${partition}:events:${region}:${accountId}:event-bus/${name}`, Name: name },
    }),
  },
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    values: (name, { partition, region, accountId }) => ({ ref: name, attributes: { Arn: `arn:${partition}:events:${region}:${accountId}:rule/${name}` } }),
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    values: (name, { partition, region }) => ({
      ref: name,
      attributes: {
        Arn: `arn:${partition}:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      },
    }),
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    values: (name, { partition, accountId }) => ({ ref: name, attributes: { Arn: `arn:${partition}:iam::${accountId}:role/${name}`, RoleId: name } }),
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    values: (name, { partition, region, accountId }) => ({ ref: name, attributes: { Arn: `arn:${partition}:logs:${region}:${accountId}:log-group:${name}:*` } }),
  },
  'AWS::ECS::Cluster': {
    nameProperty: 'ClusterName',
    values: (name, { partition, region, accountId }) => ({ ref: name, attributes: { Arn: `arn:${partition}:ecs:${region}:${accountId}:cluster/${name}` } }),
  },
};

/** The property that names a resource of this type, if the table knows the type. */
export function nameProperty(type: string): string | undefined {
  return RESOURCE_TYPES[type]?.nameProperty;
}

/**
 * The name a resource gets when its template sets none. S3 bucket names are lower case; a FIFO
 * queue's or topic's name ends in ".fifo", as CloudFormation's generated names do.
 */
export function defaultName(type: string, logicalId: string, properties: Readonly<Record<string, unknown>>): string {
  if (type === 'AWS::S3::Bucket') return logicalId.toLowerCase();
  if (type === 'AWS::SQS::Queue' && isTrue(properties['FifoQueue'])) return `${logicalId}.fifo`;
  if (type === 'AWS::SNS::Topic' && isTrue(properties['FifoTopic'])) return `${logicalId}.fifo`;
  return logicalId;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Ref (attribute undefined) or GetAtt of a resource named `name`. A type the table does not know
 * gives its name for Ref and a generic ARN for `Arn`; `approximate` says so, for a warning.
 */
export function resourceValue(
  type: string,
  name: string,
  attribute: string | undefined,
  env: StackEnvironment,
): { readonly value: string; readonly approximate: boolean } | undefined {
  const known = RESOURCE_TYPES[type];
  if (known !== undefined) {
    const { ref, attributes } = known.values(name, env);
    if (attribute === undefined) return { value: ref, approximate: false };
    const value = attributes[attribute];
    return value === undefined ? undefined : { value, approximate: false };
  }
  if (attribute === undefined) return { value: name, approximate: true };
  if (attribute !== 'Arn') return undefined;
  const service = (type.split('::')[1] ?? 'unknown').toLowerCase();
  return { value: `arn:${env.partition}:${service}:${env.region}:${env.accountId}:${name}`, approximate: true };
}
