// How aws-sdk tasks name a service's errors: "<Prefix>.<Exception>" (INTEGRATIONS.md §3, AWS
// supported-services-awssdk). The prefix is the SDK v2 service name in PascalCase, whose casing
// the resource's lower-case service name does not tell ("dynamodb" → "DynamoDb", "sfn" → "Sfn",
// "cloudwatchlogs" → "CloudWatchLogs"): the prefixes below are the "Exception prefix" column of
// the AWS table. A service that is not listed gets its client package's words in PascalCase
// ("bedrock-runtime" → "BedrockRuntime").
import { packageSuffix } from './aws-backend-packages.js';

// (The AWS table writes Auto Scaling's prefix with a space; the SDK's classes are AutoScaling*.)
const PREFIXES = [
  'Account Amplify AppMesh AppConfig AppConfigData AppSync ApplicationDiscovery AuditManager',
  'AutoScalingPlans Backup BackupGateway Batch Budgets Acm AcmPca ServiceDiscovery Cloud9 CloudFormation',
  'CloudHsm CloudHsmV2 CloudTrail CloudControl CodeBuild CodeCommit CodeDeploy CodePipeline CodeStar',
  'CodestarNotifications CodeStarConnections ComputeOptimizer Config CostExplorer CostAndUsageReport',
  'DataExchange DataPipeline DataSync DatabaseMigration DeviceFarm DirectConnect Directory',
  'Ec2InstanceConnect ElasticBeanstalk MediaLive MediaPackage MediaPackageVod MediaStore Fis Fms Glue',
  'DataBrew Greengrass GroundStation Iam Iot Iot1ClickProjects IoTAnalytics IotDeviceAdvisor IotEvents',
  'IotEventsData IoTFleetHub GreengrassV2 IotJobsDataPlane IoTSecureTunneling IoTSiteWise IoTThingsGraph',
  'IotWireless Kms LakeFormation Lambda LicenseManager MarketplaceCatalog MarketplaceCommerceAnalytics',
  'MarketplaceEntitlement MediaTailor MigrationHub MigrationHubConfig MigrationHubStrategy NetworkFirewall',
  'OpsWorks OpsWorksCm Organizations Outposts Panorama Pi Pricing RdsData Resiliencehub Ram ResourceGroups',
  'ResourceGroupsTaggingApi RoboMaker Identitystore SsoOidc SecretsManager Sts SecurityHub Sms',
  'ServiceCatalog ServiceCatalogAppRegistry Shield Signer Sso SsoAdmin Sfn StorageGateway Support Transfer',
  'Waf WafRegional Wafv2 WellArchitected XRay MarketplaceMetering ServerlessApplicationRepository',
  'AccessAnalyzer AlexaForBusiness ApiGateway ApiGatewayV2 AppIntegrations AppStream Appflow Athena',
  'SageMakerA2IRuntime Braket Chime ChimeSdkMeetings CloudDirectory CloudFront CloudSearch CloudWatch',
  'ApplicationInsights Evidently CloudWatchLogs Rum Synthetics CodeGuruProfiler CodeGuruReviewer',
  'CognitoIdentity CognitoIdentityProvider CognitoSync Comprehend ComprehendMedical ConnectContactLens',
  'ConnectParticipant Connect VoiceId Wisdom Dlm Detective DevOpsGuru DocDb DynamoDb DynamoDbStreams Ecr',
  'Ecs Ssm EmrContainers ElastiCache ElasticInference Ebs Ec2 EcrPublic Efs Eks Emr ElasticTranscoder',
  'Elasticsearch OpenSearch EventBridge FSx Forecastquery Forecast FraudDetector GameLift Glacier GuardDuty',
  'HealthLake Honeycode Inspector Inspector2 Ivs Kendra Kinesis KinesisAnalytics KinesisAnalyticsV2',
  'Firehose KinesisVideoSignaling KinesisVideo KinesisVideoArchivedMedia KinesisVideoMedia LexModelBuilding',
  'LexModelsV2 LexRuntime LexRuntimeV2 Lightsail Location LookoutVision Mq Macie2 ManagedBlockchain Grafana',
  'Amp Kafka KafkaConnect Mwaa MTurk MemoryDB Neptune Personalize PersonalizeEvents PersonalizeRuntime',
  'Pinpoint PinpointEmail PinpointSmsVoice Polly Qldb QldbSession QuickSight Redshift RedshiftData',
  'Rekognition Rds Route53 Route53Domains Route53Resolver S3Outposts SageMakerFeatureStoreRuntime',
  'SageMakerRuntime SageMaker SagemakerEdge Ses SesV2 Sns Sqs S3 Swf Textract Transcribe Translate WorkDocs',
  'WorkMail WorkMailMessageFlow WorkSpaces WorkSpacesWeb AmplifyBackend AmplifyUiBuilder',
  'ApplicationAutoScaling AutoScaling Codeartifact Dax Imagebuilder Drs ElasticLoadBalancing',
  'ElasticLoadBalancingV2 MediaConnect S3Control Rbin Savingsplans Schemas ServiceQuotas Snowball',
].flatMap((line) => line.split(' '));

const byServiceName = new Map<string, string>(PREFIXES.map((prefix) => [prefix.toLowerCase(), prefix]));

/** The error prefix of an aws-sdk service as written in the resource ("secretsmanager" → "SecretsManager"). */
export function sdkErrorPrefix(service: string): string {
  const lower = service.toLowerCase();
  const listed = byServiceName.get(lower);
  if (listed !== undefined) return listed;
  return packageSuffix(lower)
    .split('-')
    .map(sdkActionName)
    .join('');
}

/** An aws-sdk action as the API names it: "listObjectsV2" → "ListObjectsV2". */
export function sdkActionName(action: string): string {
  return action === '' ? action : (action[0] as string).toUpperCase() + action.slice(1);
}
