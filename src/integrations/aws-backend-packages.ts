// Which npm package holds the AWS SDK v3 client of a service. Step Functions names services in
// aws-sdk resources without hyphens ("secretsmanager", "cloudwatchlogs", "apigateway") while the
// SDK's packages are kebab-case (@aws-sdk/client-secrets-manager): the services whose package name
// has a hyphen are listed here, so a compact name finds its package. Every other service's package
// is @aws-sdk/client-<name> as is.

/** Package suffixes (after "@aws-sdk/client-") that contain a hyphen, as published on npm. */
const HYPHENATED = [
  'acm-pca api-gateway app-mesh application-auto-scaling application-insights application-signals auto-scaling',
  'auto-scaling-plans backup-gateway bcm-data-exports bcm-recommended-actions bedrock-agent',
  'bedrock-agent-runtime bedrock-agentcore bedrock-agentcore-control bedrock-data-automation',
  'bedrock-data-automation-runtime bedrock-runtime chime-sdk-identity chime-sdk-media-pipelines',
  'chime-sdk-meetings chime-sdk-messaging chime-sdk-voice cloudfront-keyvaluestore cloudhsm-v2',
  'cloudsearch-domain cloudwatch-events cloudwatch-logs codeguru-reviewer codestar-connections',
  'codestar-notifications cognito-identity cognito-identity-provider cognito-sync compute-optimizer',
  'config-service connect-contact-lens cost-and-usage-report-service cost-explorer cost-optimization-hub',
  'customer-profiles data-pipeline database-migration-service device-farm devops-guru direct-connect',
  'directory-service docdb-elastic dynamodb-streams ec2-instance-connect ecr-public elastic-beanstalk',
  'elastic-inference elastic-load-balancing elastic-load-balancing-v2 elastic-transcoder elasticsearch-service',
  'emr-containers emr-serverless geo-maps geo-places geo-routes global-accelerator iot-1click-projects',
  'iot-data-plane iot-events iot-events-data iot-jobs-data-plane iot-wireless ivs-realtime kinesis-analytics',
  'kinesis-analytics-v2 kinesis-video kinesis-video-archived-media kinesis-video-media kinesis-video-signaling',
  'kinesis-video-webrtc-storage launch-wizard lex-model-building-service lex-models-v2 lex-runtime-service',
  'lex-runtime-v2 license-manager machine-learning marketplace-agreement marketplace-catalog',
  'marketplace-commerce-analytics marketplace-entitlement-service marketplace-metering mediapackage-vod',
  'mediastore-data medical-imaging migration-hub migration-hub-refactor-spaces migrationhub-config',
  'neptune-graph network-firewall partnercentral-account partnercentral-benefits partnercentral-channel',
  'partnercentral-selling payment-cryptography personalize-events personalize-runtime pinpoint-email',
  'pinpoint-sms-voice pinpoint-sms-voice-v2 qldb-session rds-data redshift-data redshift-serverless',
  'resource-explorer-2 resource-groups resource-groups-tagging-api route-53 route-53-domains',
  'route53-recovery-cluster route53-recovery-control-config route53-recovery-readiness s3-control',
  'sagemaker-a2i-runtime sagemaker-edge sagemaker-featurestore-runtime sagemaker-geospatial sagemaker-runtime',
  'secrets-manager service-catalog service-catalog-appregistry service-quotas signer-data',
  'snow-device-management ssm-contacts ssm-incidents sso-admin sso-oidc storage-gateway timestream-influxdb',
  'timestream-query timestream-write transcribe-streaming voice-id vpc-lattice waf-regional',
  'workspaces-instances workspaces-thin-client workspaces-web',
].flatMap((line) => line.split(' '));

/** Step Functions service names whose compact form differs from the package's. */
const ALIASES: Readonly<Record<string, string>> = {
  databasemigration: 'database-migration-service',
  iotdata: 'iot-data-plane',
  events: 'eventbridge',
  states: 'sfn',
  stepfunctions: 'sfn',
};

const byCompactName = new Map<string, string>(HYPHENATED.map((name) => [name.replace(/-/g, ''), name]));

/** The package suffix of a service id: "secretsmanager" and "secrets-manager" both give "secrets-manager". */
export function packageSuffix(service: string): string {
  const lower = service.toLowerCase();
  if (lower.includes('-')) return lower;
  return ALIASES[lower] ?? byCompactName.get(lower) ?? lower;
}

/** "@aws-sdk/client-<suffix>": the package to import, and to name in "install it" errors. */
export function clientPackage(service: string): string {
  return `@aws-sdk/client-${packageSuffix(service)}`;
}
