// The errors each service's API model declares, by shape name. AWS Step Functions reports a modeled
// error under its own exception class ("SQS.QueueDoesNotExistException", "S3.NoSuchKeyException")
// and every other error code under the SDK's catch-all ("SQS.AmazonSQSException" for the optimized
// integrations, "DynamoDb.DynamoDbException" for aws-sdk tasks): recorded in
// error_handling/test_task_service_{sqs,dynamodb}.py and test_aws_sdk.py (a DynamoDB
// ValidationException, which the model does not declare, arrives as the catch-all). The lists are
// the shape names of the AWS SDK v3 clients asl-engine depends on, plus Step Functions' own.

const MODELED: Readonly<Record<string, string>> = {
  dynamodb:
    'BackupInUseException BackupNotFoundException ConditionalCheckFailedException ' +
    'ContinuousBackupsUnavailableException DuplicateItemException ExportConflictException ' +
    'ExportNotFoundException GlobalTableAlreadyExistsException GlobalTableNotFoundException ' +
    'IdempotentParameterMismatchException ImportConflictException ImportNotFoundException ' +
    'IndexNotFoundException InternalServerError InvalidEndpointException InvalidExportTimeException ' +
    'InvalidRestoreTimeException ItemCollectionSizeLimitExceededException LimitExceededException ' +
    'PointInTimeRecoveryUnavailableException PolicyNotFoundException ' +
    'ProvisionedThroughputExceededException ReplicaAlreadyExistsException ReplicaNotFoundException ' +
    'ReplicatedWriteConflictException RequestLimitExceeded ResourceInUseException ' +
    'ResourceNotFoundException TableAlreadyExistsException TableInUseException TableNotFoundException ' +
    'ThrottlingException TransactionCanceledException TransactionConflictException ' +
    'TransactionInProgressException',
  s3:
    'AccessDenied AnnotationLimitExceeded AnnotationNameTooLong BucketAlreadyExists ' +
    'BucketAlreadyOwnedByYou EncryptionTypeMismatch IdempotencyParameterMismatch InvalidAnnotationName ' +
    'InvalidObjectState InvalidPrefix InvalidRequest InvalidWriteOffset NoSuchAnnotation NoSuchBucket ' +
    'NoSuchKey NoSuchUpload NotFound ObjectAlreadyInActiveTierError ObjectNotInActiveTierError ' +
    'TooManyParts UnsupportedMediaType',
  sqs:
    'BatchEntryIdsNotDistinct BatchRequestTooLong EmptyBatchRequest InvalidAddress InvalidAttributeName ' +
    'InvalidAttributeValue InvalidBatchEntryId InvalidIdFormat InvalidMessageContents InvalidSecurity ' +
    'KmsAccessDenied KmsDisabled KmsInvalidKeyUsage KmsInvalidState KmsNotFound KmsOptInRequired ' +
    'KmsThrottled MessageNotInflight OverLimit PurgeQueueInProgress QueueDeletedRecently ' +
    'QueueDoesNotExist QueueNameExists ReceiptHandleIsInvalid RequestThrottled ResourceNotFoundException ' +
    'TooManyEntriesInBatchRequest UnsupportedOperation',
  sns:
    'AuthorizationErrorException BatchEntryIdsNotDistinctException BatchRequestTooLongException ' +
    'ConcurrentAccessException EmptyBatchRequestException EndpointDisabledException ' +
    'FilterPolicyLimitExceededException InternalErrorException InvalidBatchEntryIdException ' +
    'InvalidParameterException InvalidParameterValueException InvalidSecurityException ' +
    'InvalidStateException KMSAccessDeniedException KMSDisabledException KMSInvalidStateException ' +
    'KMSNotFoundException KMSOptInRequired KMSThrottlingException NotFoundException OptedOutException ' +
    'PlatformApplicationDisabledException ReplayLimitExceededException ResourceNotFoundException ' +
    'StaleTagException SubscriptionLimitExceededException TagLimitExceededException TagPolicyException ' +
    'ThrottledException TooManyEntriesInBatchRequestException TopicLimitExceededException ' +
    'UserErrorException ValidationException VerificationException',
  eventbridge:
    'AccessDeniedException ConcurrentModificationException IllegalStatusException InternalException ' +
    'InvalidEventPatternException InvalidStateException LimitExceededException ManagedRuleException ' +
    'OperationDisabledException PolicyLengthExceededException ResourceAlreadyExistsException ' +
    'ResourceNotFoundException ThrottlingException',
  lambda:
    'AliasLimitExceededException CallbackTimeoutException CapacityProviderLimitExceededException ' +
    'CodeArtifactUserDeletedException CodeArtifactUserFailedException CodeArtifactUserPendingException ' +
    'CodeSigningConfigNotFoundException CodeStorageExceededException CodeVerificationFailedException ' +
    'DurableExecutionAlreadyStartedException EC2AccessDeniedException EC2ThrottledException ' +
    'EC2UnexpectedException EFSIOException EFSMountConnectivityException EFSMountFailureException ' +
    'EFSMountTimeoutException ENILimitReachedException ENINotReadyException ' +
    'FunctionVersionsPerCapacityProviderLimitExceededException InvalidCodeSignatureException ' +
    'InvalidParameterValueException InvalidRequestContentException InvalidRuntimeException ' +
    'InvalidSecurityGroupIDException InvalidSubnetIDException InvalidZipFileException ' +
    'KMSAccessDeniedException KMSDisabledException KMSInvalidStateException KMSNotFoundException ' +
    'ModeNotSupportedException NoPublishedVersionException PolicyLengthExceededException ' +
    'PreconditionFailedException ProvisionedConcurrencyConfigNotFoundException PublicPolicyException ' +
    'RecursiveInvocationException RequestTooLargeException ResourceConflictException ' +
    'ResourceInUseException ResourceNotFoundException ResourceNotReadyException ' +
    'S3FilesMountConnectivityException S3FilesMountFailureException S3FilesMountTimeoutException ' +
    'SerializedRequestEntityTooLargeException ServiceException ServiceQuotaExceededException ' +
    'SnapStartException SnapStartNotReadyException SnapStartRegenerationFailureException ' +
    'SnapStartTimeoutException SubnetIPAddressLimitReachedException TooManyRequestsException ' +
    'UnsupportedMediaTypeException',
  sts:
    'ExpiredTokenException ExpiredTradeInTokenException IDPCommunicationErrorException ' +
    'IDPRejectedClaimException InsufficientSessionLifetimeException InvalidAuthorizationMessageException ' +
    'InvalidContextAssertionException InvalidIdentityTokenException InvalidSubjectCredentialsException ' +
    'JWTPayloadSizeExceededException MalformedPolicyDocumentException ' +
    'OutboundWebIdentityFederationDisabledException PackedPolicyTooLargeException RegionDisabledException ' +
    'SessionDurationEscalationException',
  sfn:
    'ActivityAlreadyExists ActivityDoesNotExist ActivityLimitExceeded ActivityWorkerLimitExceeded ConflictException ' +
    'ExecutionAlreadyExists ExecutionDoesNotExist ExecutionLimitExceeded ExecutionNotRedrivable InvalidArn ' +
    'InvalidDefinition InvalidEncryptionConfiguration InvalidExecutionInput InvalidLoggingConfiguration InvalidName ' +
    'InvalidOutput InvalidToken InvalidTracingConfiguration KmsAccessDeniedException KmsInvalidStateException ' +
    'KmsThrottlingException MissingRequiredParameter ResourceNotFound ServiceQuotaExceededException ' +
    'StateMachineAlreadyExists StateMachineDeleting StateMachineDoesNotExist StateMachineLimitExceeded ' +
    'StateMachineTypeNotSupported TaskDoesNotExist TaskTimedOut TooManyTags ValidationException',
};

const sets = new Map<string, ReadonlySet<string>>();

/**
 * The modeled error shapes of a service (SDK client id), or undefined for a service asl-engine has
 * no list for — its every error is then taken as modeled, which is right for most newer models.
 */
export function modeledErrors(service: string): ReadonlySet<string> | undefined {
  let set = sets.get(service);
  if (set === undefined) {
    const names = MODELED[service];
    if (names === undefined) return undefined;
    set = new Set(names.split(' ').filter((name) => name !== ''));
    sets.set(service, set);
  }
  return set;
}

/**
 * The shape name behind an error code as a service sends it: the JSON protocol's
 * "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" and "Code:detail" forms are cut
 * down, and SQS's query-protocol codes ("AWS.SimpleQueueService.NonExistentQueue") become the
 * shapes they stand for.
 */
export function errorShape(code: string): string {
  let shape = code;
  const hash = shape.lastIndexOf('#');
  if (hash >= 0) shape = shape.slice(hash + 1);
  const colon = shape.indexOf(':');
  if (colon > 0) shape = shape.slice(0, colon);
  if (shape.startsWith('AWS.SimpleQueueService.')) shape = shape.slice('AWS.SimpleQueueService.'.length);
  return SQS_QUERY_CODES[shape] ?? shape;
}

const SQS_QUERY_CODES: Readonly<Record<string, string>> = {
  NonExistentQueue: 'QueueDoesNotExist',
  QueueAlreadyExists: 'QueueNameExists',
};

/**
 * The exception class Step Functions names an error after, or undefined when the model does not
 * declare it (the caller then uses the catch-all). Java SDK classes always end in "Exception":
 * S3's NoSuchKey is S3.NoSuchKeyException (supported-services-awssdk: "add the Exception suffix").
 */
export function modeledException(service: string, code: string): string | undefined {
  const shape = errorShape(code);
  const modeled = modeledErrors(service);
  if (modeled !== undefined && !modeled.has(shape) && !modeled.has(`${shape}Exception`)) return undefined;
  return shape.endsWith('Exception') ? shape : `${shape}Exception`;
}
