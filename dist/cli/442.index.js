export const id = 442;
export const ids = [442];
export const modules = {

/***/ 67442:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin } = __webpack_require__(90402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(92658);
const { Command: $Command } = __webpack_require__(92658);
exports.$Command = $Command;
exports.__Client = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(47291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(62085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(93422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(23609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(26890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(97523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(92430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(61279);
const { AwsJson1_1Protocol } = __webpack_require__(37288);
const { Sha256 } = __webpack_require__(99542);

const defaultFirehoseHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "firehose",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultFirehoseHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "firehose",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1168.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://firehose-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://firehose-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://firehose.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://firehose.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class FirehoseServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.firehose#FirehoseServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, FirehoseServiceException.prototype);
    }
}

class ConcurrentModificationException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#ConcurrentModificationException";
    name = "ConcurrentModificationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ConcurrentModificationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConcurrentModificationException.prototype);
    }
}
class InvalidArgumentException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#InvalidArgumentException";
    name = "InvalidArgumentException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidArgumentException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidArgumentException.prototype);
    }
}
class InvalidKMSResourceException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#InvalidKMSResourceException";
    name = "InvalidKMSResourceException";
    $fault = "client";
    code;
    constructor(opts) {
        super({
            name: "InvalidKMSResourceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidKMSResourceException.prototype);
        this.code = opts.code;
    }
}
class LimitExceededException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#LimitExceededException";
    name = "LimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LimitExceededException.prototype);
    }
}
class ResourceInUseException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#ResourceInUseException";
    name = "ResourceInUseException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceInUseException.prototype);
    }
}
class ResourceNotFoundException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#ResourceNotFoundException";
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}
class InvalidSourceException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#InvalidSourceException";
    name = "InvalidSourceException";
    $fault = "client";
    code;
    constructor(opts) {
        super({
            name: "InvalidSourceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSourceException.prototype);
        this.code = opts.code;
    }
}
class ServiceUnavailableException extends FirehoseServiceException {
    static shapeId = "com.amazonaws.firehose#ServiceUnavailableException";
    name = "ServiceUnavailableException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceUnavailableException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceUnavailableException.prototype);
    }
}

const _ABH = "AmazonopensearchserviceBufferingHints";
const _AC = "AuthenticationConfiguration";
const _ADC = "AmazonopensearchserviceDestinationConfiguration";
const _ADD = "AmazonopensearchserviceDestinationDescription";
const _ADU = "AmazonopensearchserviceDestinationUpdate";
const _AFD = "AllowForceDelete";
const _AK = "AccessKey";
const _AN = "AttributeName";
const _AO = "AppendOnly";
const _AOSSBH = "AmazonOpenSearchServerlessBufferingHints";
const _AOSSDC = "AmazonOpenSearchServerlessDestinationConfiguration";
const _AOSSDD = "AmazonOpenSearchServerlessDestinationDescription";
const _AOSSDU = "AmazonOpenSearchServerlessDestinationUpdate";
const _AOSSRO = "AmazonOpenSearchServerlessRetryOptions";
const _ARO = "AmazonopensearchserviceRetryOptions";
const _AU = "AccountUrl";
const _AV = "AttributeValue";
const _AWSKMSKARN = "AWSKMSKeyARN";
const _BARN = "BucketARN";
const _BFC = "BloomFilterColumns";
const _BFFPP = "BloomFilterFalsePositiveProbability";
const _BH = "BufferingHints";
const _BSB = "BlockSizeBytes";
const _C = "Connectivity";
const _CA = "CommonAttributes";
const _CARN = "CatalogARN";
const _CC = "CatalogConfiguration";
const _CCN = "ContentColumnName";
const _CCo = "CopyCommand";
const _CDIJKTU = "ConvertDotsInJsonKeysToUnderscores";
const _CDS = "CreateDeliveryStream";
const _CDSI = "CreateDeliveryStreamInput";
const _CDSO = "CreateDeliveryStreamOutput";
const _CDSVI = "CurrentDeliveryStreamVersionId";
const _CE = "CollectionEndpoint";
const _CEl = "ClusterEndpoint";
const _CEo = "ContentEncoding";
const _CF = "CompressionFormat";
const _CI = "CaseInsensitive";
const _CIa = "CatalogId";
const _CJDBCURL = "ClusterJDBCURL";
const _CME = "ConcurrentModificationException";
const _CO = "CopyOptions";
const _CT = "CreateTimestamp";
const _CTJKM = "ColumnToJsonKeyMappings";
const _CTZ = "CustomTimeZone";
const _CWLO = "CloudWatchLoggingOptions";
const _Co = "Columns";
const _Com = "Compression";
const _D = "Databases";
const _DARN = "DomainARN";
const _DCL = "DatabaseColumnList";
const _DD = "DestinationDescription";
const _DDIF = "DefaultDocumentIdFormat";
const _DDL = "DestinationDescriptionList";
const _DDN = "DestinationDatabaseName";
const _DDS = "DeleteDeliveryStream";
const _DDSI = "DeleteDeliveryStreamInput";
const _DDSIe = "DescribeDeliveryStreamInput";
const _DDSO = "DeleteDeliveryStreamOutput";
const _DDSOe = "DescribeDeliveryStreamOutput";
const _DDSe = "DescribeDeliveryStream";
const _DFCC = "DataFormatConversionConfiguration";
const _DI = "DestinationId";
const _DIO = "DocumentIdOptions";
const _DIS = "DurationInSeconds";
const _DKT = "DictionaryKeyThreshold";
const _DL = "DatabaseList";
const _DLO = "DataLoadingOption";
const _DN = "DatabaseName";
const _DPC = "DynamicPartitioningConfiguration";
const _DPSC = "DirectPutSourceConfiguration";
const _DPSD = "DirectPutSourceDescription";
const _DSAC = "DatabaseSourceAuthenticationConfiguration";
const _DSARN = "DeliveryStreamARN";
const _DSC = "DatabaseSourceConfiguration";
const _DSD = "DatabaseSourceDescription";
const _DSDe = "DeliveryStreamDescription";
const _DSEC = "DeliveryStreamEncryptionConfiguration";
const _DSECI = "DeliveryStreamEncryptionConfigurationInput";
const _DSI = "DatabaseSnapshotInfo";
const _DSIL = "DatabaseSnapshotInfoList";
const _DSN = "DeliveryStreamName";
const _DSNe = "DeliveryStreamNames";
const _DSS = "DeliveryStreamStatus";
const _DST = "DeliveryStreamType";
const _DSTe = "DeliveryStartTimestamp";
const _DSVPCC = "DatabaseSourceVPCConfiguration";
const _DTC = "DataTableColumns";
const _DTCL = "DestinationTableConfigurationList";
const _DTCe = "DestinationTableConfiguration";
const _DTL = "DatabaseTableList";
const _DTN = "DataTableName";
const _DTNe = "DestinationTableName";
const _Da = "Data";
const _Dat = "Database";
const _De = "Destinations";
const _Des = "Deserializer";
const _Det = "Details";
const _E = "Enabled";
const _EBH = "ElasticsearchBufferingHints";
const _EC = "EncryptionConfiguration";
const _ECn = "EndpointConfiguration";
const _ECr = "ErrorCode";
const _EDC = "ElasticsearchDestinationConfiguration";
const _EDCn = "EnableDictionaryCompression";
const _EDD = "ElasticsearchDestinationDescription";
const _EDU = "ElasticsearchDestinationUpdate";
const _EM = "ErrorMessage";
const _EOP = "ErrorOutputPrefix";
const _EP = "EnablePadding";
const _ERO = "ElasticsearchRetryOptions";
const _ESDC = "ExtendedS3DestinationConfiguration";
const _ESDD = "ExtendedS3DestinationDescription";
const _ESDI = "ExclusiveStartDestinationId";
const _ESDSN = "ExclusiveStartDeliveryStreamName";
const _ESDU = "ExtendedS3DestinationUpdate";
const _ESTK = "ExclusiveStartTagKey";
const _En = "Endpoint";
const _Enc = "Encrypted";
const _Ex = "Exclude";
const _FD = "FailureDescription";
const _FE = "FileExtension";
const _FPC = "FailedPutCount";
const _FV = "FormatVersion";
const _HEAK = "HttpEndpointAccessKey";
const _HEAN = "HttpEndpointAttributeName";
const _HEAV = "HttpEndpointAttributeValue";
const _HEBH = "HttpEndpointBufferingHints";
const _HEC = "HttpEndpointConfiguration";
const _HECA = "HttpEndpointCommonAttribute";
const _HECAL = "HttpEndpointCommonAttributesList";
const _HECATIS = "HECAcknowledgmentTimeoutInSeconds";
const _HECE = "HECEndpoint";
const _HECET = "HECEndpointType";
const _HECT = "HECToken";
const _HED = "HttpEndpointDescription";
const _HEDC = "HttpEndpointDestinationConfiguration";
const _HEDD = "HttpEndpointDestinationDescription";
const _HEDU = "HttpEndpointDestinationUpdate";
const _HERC = "HttpEndpointRequestConfiguration";
const _HERO = "HttpEndpointRetryOptions";
const _HEU = "HttpEndpointUrl";
const _HJSD = "HiveJsonSerDe";
const _HMD = "HasMoreDestinations";
const _HMDS = "HasMoreDeliveryStreams";
const _HMT = "HasMoreTags";
const _I = "Include";
const _IAE = "InvalidArgumentException";
const _IDC = "IcebergDestinationConfiguration";
const _IDD = "IcebergDestinationDescription";
const _IDU = "IcebergDestinationUpdate";
const _IFC = "InputFormatConfiguration";
const _IIS = "IntervalInSeconds";
const _IKMSRE = "InvalidKMSResourceException";
const _IN = "IndexName";
const _IRP = "IndexRotationPeriod";
const _ISE = "InvalidSourceException";
const _Id = "Id";
const _Ide = "Identity";
const _K = "Key";
const _KARN = "KeyARN";
const _KMSEC = "KMSEncryptionConfig";
const _KP = "KeyPassphrase";
const _KSARN = "KinesisStreamARN";
const _KSSC = "KinesisStreamSourceConfiguration";
const _KSSD = "KinesisStreamSourceDescription";
const _KT = "KeyType";
const _L = "Limit";
const _LDS = "ListDeliveryStreams";
const _LDSI = "ListDeliveryStreamsInput";
const _LDSO = "ListDeliveryStreamsOutput";
const _LEE = "LimitExceededException";
const _LGN = "LogGroupName";
const _LSN = "LogStreamName";
const _LTFDS = "ListTagsForDeliveryStream";
const _LTFDSI = "ListTagsForDeliveryStreamInput";
const _LTFDSO = "ListTagsForDeliveryStreamOutput";
const _LTFDSOTL = "ListTagsForDeliveryStreamOutputTagList";
const _LUT = "LastUpdateTimestamp";
const _MDCN = "MetaDataColumnName";
const _MPB = "MaxPaddingBytes";
const _MSKCARN = "MSKClusterARN";
const _MSKSC = "MSKSourceConfiguration";
const _MSKSD = "MSKSourceDescription";
const _N = "Name";
const _NEC = "NoEncryptionConfig";
const _OFC = "OutputFormatConfiguration";
const _OSD = "OrcSerDe";
const _OXJSD = "OpenXJsonSerDe";
const _P = "Password";
const _PC = "ProcessingConfiguration";
const _PF = "PartitionField";
const _PFa = "PartitionFields";
const _PK = "PrivateKey";
const _PL = "ProcessorList";
const _PLVI = "PrivateLinkVpceId";
const _PN = "ParameterName";
const _PP = "ProcessorParameter";
const _PPL = "ProcessorParameterList";
const _PR = "PutRecord";
const _PRB = "PutRecordBatch";
const _PRBI = "PutRecordBatchInput";
const _PRBO = "PutRecordBatchOutput";
const _PRBRE = "PutRecordBatchResponseEntry";
const _PRBREL = "PutRecordBatchRequestEntryList";
const _PRBRELu = "PutRecordBatchResponseEntryList";
const _PRI = "PutRecordInput";
const _PRO = "PutRecordOutput";
const _PS = "PartitionSpec";
const _PSB = "PageSizeBytes";
const _PSD = "ParquetSerDe";
const _PT = "PaddingTolerance";
const _PV = "ParameterValue";
const _Pa = "Parameters";
const _Po = "Port";
const _Pr = "Prefix";
const _Pro = "Processors";
const _Proc = "Processor";
const _R = "Records";
const _RARN = "RoleARN";
const _RB = "RequestedBy";
const _RC = "RequestConfiguration";
const _RDC = "RedshiftDestinationConfiguration";
const _RDD = "RedshiftDestinationDescription";
const _RDU = "RedshiftDestinationUpdate";
const _RFT = "ReadFromTimestamp";
const _RI = "RecordId";
const _RIS = "RowIndexStride";
const _RIUE = "ResourceInUseException";
const _RNFE = "ResourceNotFoundException";
const _RO = "RetryOptions";
const _RR = "RequestResponses";
const _RRO = "RedshiftRetryOptions";
const _RT = "RequestTimestamp";
const _Re = "Record";
const _Reg = "Region";
const _S = "Status";
const _SARN = "SecretARN";
const _SAU = "SnowflakeAccountUrl";
const _SBC = "S3BackupConfiguration";
const _SBD = "S3BackupDescription";
const _SBH = "SnowflakeBufferingHints";
const _SBHp = "SplunkBufferingHints";
const _SBM = "S3BackupMode";
const _SBU = "S3BackupUpdate";
const _SC = "S3Configuration";
const _SCCN = "SnowflakeContentColumnName";
const _SCc = "SchemaConfiguration";
const _SD = "SnowflakeDatabase";
const _SDC = "S3DestinationConfiguration";
const _SDCn = "SnowflakeDestinationConfiguration";
const _SDCp = "SplunkDestinationConfiguration";
const _SDD = "S3DestinationDescription";
const _SDDn = "SnowflakeDestinationDescription";
const _SDDp = "SplunkDestinationDescription";
const _SDSE = "StartDeliveryStreamEncryption";
const _SDSEI = "StartDeliveryStreamEncryptionInput";
const _SDSEIt = "StopDeliveryStreamEncryptionInput";
const _SDSEO = "StartDeliveryStreamEncryptionOutput";
const _SDSEOt = "StopDeliveryStreamEncryptionOutput";
const _SDSEt = "StopDeliveryStreamEncryption";
const _SDU = "S3DestinationUpdate";
const _SDUn = "SnowflakeDestinationUpdate";
const _SDUp = "SplunkDestinationUpdate";
const _SDo = "SourceDescription";
const _SEC = "SchemaEvolutionConfiguration";
const _SEOP = "S3ErrorOutputPrefix";
const _SGI = "SecurityGroupIds";
const _SI = "SnapshotInfo";
const _SIMB = "SizeInMBs";
const _SIu = "SubnetIds";
const _SK = "SurrogateKeys";
const _SKP = "SnowflakeKeyPassphrase";
const _SMC = "SecretsManagerConfiguration";
const _SMDCN = "SnowflakeMetaDataColumnName";
const _SN = "SourceName";
const _SPK = "SnowflakePrivateKey";
const _SPLVI = "SnowflakePrivateLinkVpceId";
const _SR = "SnowflakeRole";
const _SRC = "SnowflakeRoleConfiguration";
const _SRO = "SnowflakeRetryOptions";
const _SROp = "SplunkRetryOptions";
const _SS = "SnowflakeSchema";
const _SSB = "StripeSizeBytes";
const _SSLM = "SSLMode";
const _ST = "SnowflakeTable";
const _SU = "SnowflakeUser";
const _SUE = "ServiceUnavailableException";
const _SUp = "S3Update";
const _SVC = "SnowflakeVpcConfiguration";
const _SWT = "SnapshotWatermarkTable";
const _Sc = "Schema";
const _Se = "Serializer";
const _So = "Source";
const _T = "Tags";
const _TCC = "TableCreationConfiguration";
const _TDS = "TagDeliveryStream";
const _TDSI = "TagDeliveryStreamInput";
const _TDSITL = "TagDeliveryStreamInputTagList";
const _TDSO = "TagDeliveryStreamOutput";
const _TF = "TimestampFormats";
const _THIMB = "ThroughputHintInMBs";
const _TK = "TagKeys";
const _TN = "TypeName";
const _TNa = "TableName";
const _TNo = "TopicName";
const _Ta = "Table";
const _Tab = "Tables";
const _Tag = "Tag";
const _Ty = "Type";
const _U = "Username";
const _UD = "UpdateDestination";
const _UDI = "UpdateDestinationInput";
const _UDO = "UpdateDestinationOutput";
const _UDS = "UntagDeliveryStream";
const _UDSI = "UntagDeliveryStreamInput";
const _UDSO = "UntagDeliveryStreamOutput";
const _UK = "UniqueKeys";
const _Ur = "Url";
const _Us = "User";
const _V = "Value";
const _VC = "VpcConfiguration";
const _VCD = "VpcConfigurationDescription";
const _VESN = "VpcEndpointServiceName";
const _VI = "VersionId";
const _VIp = "VpcId";
const _WL = "WarehouseLocation";
const _WV = "WriterVersion";
const _c = "client";
const _co = "code";
const _e = "error";
const _hE = "httpError";
const _m = "message";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.firehose";
const _se = "server";
const n0 = "com.amazonaws.firehose";
const _s_registry = new TypeRegistry(_s);
var FirehoseServiceException$ = [-3, _s, "FirehoseServiceException", 0, [], []];
_s_registry.registerError(FirehoseServiceException$, FirehoseServiceException);
const n0_registry = new TypeRegistry(n0);
var ConcurrentModificationException$ = [-3, n0, _CME,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ConcurrentModificationException$, ConcurrentModificationException);
var InvalidArgumentException$ = [-3, n0, _IAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidArgumentException$, InvalidArgumentException);
var InvalidKMSResourceException$ = [-3, n0, _IKMSRE,
    { [_e]: _c },
    [_co, _m],
    [0, 0]
];
n0_registry.registerError(InvalidKMSResourceException$, InvalidKMSResourceException);
var InvalidSourceException$ = [-3, n0, _ISE,
    { [_e]: _c },
    [_co, _m],
    [0, 0]
];
n0_registry.registerError(InvalidSourceException$, InvalidSourceException);
var LimitExceededException$ = [-3, n0, _LEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LimitExceededException$, LimitExceededException);
var ResourceInUseException$ = [-3, n0, _RIUE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceInUseException$, ResourceInUseException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceUnavailableException$ = [-3, n0, _SUE,
    { [_e]: _se, [_hE]: 503 },
    [_m],
    [0]
];
n0_registry.registerError(ServiceUnavailableException$, ServiceUnavailableException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var HttpEndpointAccessKey = [0, n0, _HEAK, 8, 0];
var HttpEndpointAttributeName = [0, n0, _HEAN, 8, 0];
var HttpEndpointAttributeValue = [0, n0, _HEAV, 8, 0];
var HttpEndpointUrl = [0, n0, _HEU, 8, 0];
var Password = [0, n0, _P, 8, 0];
var SnowflakeAccountUrl = [0, n0, _SAU, 8, 0];
var SnowflakeContentColumnName = [0, n0, _SCCN, 8, 0];
var SnowflakeDatabase = [0, n0, _SD, 8, 0];
var SnowflakeKeyPassphrase = [0, n0, _SKP, 8, 0];
var SnowflakeMetaDataColumnName = [0, n0, _SMDCN, 8, 0];
var SnowflakePrivateKey = [0, n0, _SPK, 8, 0];
var SnowflakePrivateLinkVpceId = [0, n0, _SPLVI, 8, 0];
var SnowflakeRole = [0, n0, _SR, 8, 0];
var SnowflakeSchema = [0, n0, _SS, 8, 0];
var SnowflakeTable = [0, n0, _ST, 8, 0];
var SnowflakeUser = [0, n0, _SU, 8, 0];
var Username = [0, n0, _U, 8, 0];
var AmazonOpenSearchServerlessBufferingHints$ = [3, n0, _AOSSBH,
    0,
    [_IIS, _SIMB],
    [1, 1]
];
var AmazonOpenSearchServerlessDestinationConfiguration$ = [3, n0, _AOSSDC,
    0,
    [_RARN, _IN, _SC, _CE, _BH, _RO, _SBM, _PC, _CWLO, _VC],
    [0, 0, () => S3DestinationConfiguration$, 0, () => AmazonOpenSearchServerlessBufferingHints$, () => AmazonOpenSearchServerlessRetryOptions$, 0, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfiguration$], 3
];
var AmazonOpenSearchServerlessDestinationDescription$ = [3, n0, _AOSSDD,
    0,
    [_RARN, _CE, _IN, _BH, _RO, _SBM, _SDD, _PC, _CWLO, _VCD],
    [0, 0, 0, () => AmazonOpenSearchServerlessBufferingHints$, () => AmazonOpenSearchServerlessRetryOptions$, 0, () => S3DestinationDescription$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfigurationDescription$]
];
var AmazonOpenSearchServerlessDestinationUpdate$ = [3, n0, _AOSSDU,
    0,
    [_RARN, _CE, _IN, _BH, _RO, _SUp, _PC, _CWLO],
    [0, 0, 0, () => AmazonOpenSearchServerlessBufferingHints$, () => AmazonOpenSearchServerlessRetryOptions$, () => S3DestinationUpdate$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$]
];
var AmazonOpenSearchServerlessRetryOptions$ = [3, n0, _AOSSRO,
    0,
    [_DIS],
    [1]
];
var AmazonopensearchserviceBufferingHints$ = [3, n0, _ABH,
    0,
    [_IIS, _SIMB],
    [1, 1]
];
var AmazonopensearchserviceDestinationConfiguration$ = [3, n0, _ADC,
    0,
    [_RARN, _IN, _SC, _DARN, _CEl, _TN, _IRP, _BH, _RO, _SBM, _PC, _CWLO, _VC, _DIO],
    [0, 0, () => S3DestinationConfiguration$, 0, 0, 0, 0, () => AmazonopensearchserviceBufferingHints$, () => AmazonopensearchserviceRetryOptions$, 0, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfiguration$, () => DocumentIdOptions$], 3
];
var AmazonopensearchserviceDestinationDescription$ = [3, n0, _ADD,
    0,
    [_RARN, _DARN, _CEl, _IN, _TN, _IRP, _BH, _RO, _SBM, _SDD, _PC, _CWLO, _VCD, _DIO],
    [0, 0, 0, 0, 0, 0, () => AmazonopensearchserviceBufferingHints$, () => AmazonopensearchserviceRetryOptions$, 0, () => S3DestinationDescription$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfigurationDescription$, () => DocumentIdOptions$]
];
var AmazonopensearchserviceDestinationUpdate$ = [3, n0, _ADU,
    0,
    [_RARN, _DARN, _CEl, _IN, _TN, _IRP, _BH, _RO, _SUp, _PC, _CWLO, _DIO],
    [0, 0, 0, 0, 0, 0, () => AmazonopensearchserviceBufferingHints$, () => AmazonopensearchserviceRetryOptions$, () => S3DestinationUpdate$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => DocumentIdOptions$]
];
var AmazonopensearchserviceRetryOptions$ = [3, n0, _ARO,
    0,
    [_DIS],
    [1]
];
var AuthenticationConfiguration$ = [3, n0, _AC,
    0,
    [_RARN, _C],
    [0, 0], 2
];
var BufferingHints$ = [3, n0, _BH,
    0,
    [_SIMB, _IIS],
    [1, 1]
];
var CatalogConfiguration$ = [3, n0, _CC,
    0,
    [_CARN, _WL],
    [0, 0]
];
var CloudWatchLoggingOptions$ = [3, n0, _CWLO,
    0,
    [_E, _LGN, _LSN],
    [2, 0, 0]
];
var CopyCommand$ = [3, n0, _CCo,
    0,
    [_DTN, _DTC, _CO],
    [0, 0, 0], 1
];
var CreateDeliveryStreamInput$ = [3, n0, _CDSI,
    0,
    [_DSN, _DST, _DPSC, _KSSC, _DSECI, _SDC, _ESDC, _RDC, _EDC, _ADC, _SDCp, _HEDC, _T, _AOSSDC, _MSKSC, _SDCn, _IDC, _DSC],
    [0, 0, () => DirectPutSourceConfiguration$, () => KinesisStreamSourceConfiguration$, () => DeliveryStreamEncryptionConfigurationInput$, () => S3DestinationConfiguration$, () => ExtendedS3DestinationConfiguration$, [() => RedshiftDestinationConfiguration$, 0], () => ElasticsearchDestinationConfiguration$, () => AmazonopensearchserviceDestinationConfiguration$, () => SplunkDestinationConfiguration$, [() => HttpEndpointDestinationConfiguration$, 0], () => TagDeliveryStreamInputTagList, () => AmazonOpenSearchServerlessDestinationConfiguration$, () => MSKSourceConfiguration$, [() => SnowflakeDestinationConfiguration$, 0], () => IcebergDestinationConfiguration$, () => DatabaseSourceConfiguration$], 1
];
var CreateDeliveryStreamOutput$ = [3, n0, _CDSO,
    0,
    [_DSARN],
    [0]
];
var DatabaseColumnList$ = [3, n0, _DCL,
    0,
    [_I, _Ex],
    [64 | 0, 64 | 0]
];
var DatabaseList$ = [3, n0, _DL,
    0,
    [_I, _Ex],
    [64 | 0, 64 | 0]
];
var DatabaseSnapshotInfo$ = [3, n0, _DSI,
    0,
    [_Id, _Ta, _RT, _RB, _S, _FD],
    [0, 0, 4, 0, 0, () => FailureDescription$], 5
];
var DatabaseSourceAuthenticationConfiguration$ = [3, n0, _DSAC,
    0,
    [_SMC],
    [() => SecretsManagerConfiguration$], 1
];
var DatabaseSourceConfiguration$ = [3, n0, _DSC,
    0,
    [_Ty, _En, _Po, _D, _Tab, _SWT, _DSAC, _DSVPCC, _SSLM, _Co, _SK],
    [0, 0, 1, () => DatabaseList$, () => DatabaseTableList$, 0, () => DatabaseSourceAuthenticationConfiguration$, () => DatabaseSourceVPCConfiguration$, 0, () => DatabaseColumnList$, 64 | 0], 8
];
var DatabaseSourceDescription$ = [3, n0, _DSD,
    0,
    [_Ty, _En, _Po, _SSLM, _D, _Tab, _Co, _SK, _SWT, _SI, _DSAC, _DSVPCC],
    [0, 0, 1, 0, () => DatabaseList$, () => DatabaseTableList$, () => DatabaseColumnList$, 64 | 0, 0, () => DatabaseSnapshotInfoList, () => DatabaseSourceAuthenticationConfiguration$, () => DatabaseSourceVPCConfiguration$]
];
var DatabaseSourceVPCConfiguration$ = [3, n0, _DSVPCC,
    0,
    [_VESN],
    [0], 1
];
var DatabaseTableList$ = [3, n0, _DTL,
    0,
    [_I, _Ex],
    [64 | 0, 64 | 0]
];
var DataFormatConversionConfiguration$ = [3, n0, _DFCC,
    0,
    [_SCc, _IFC, _OFC, _E],
    [() => SchemaConfiguration$, () => InputFormatConfiguration$, () => OutputFormatConfiguration$, 2]
];
var DeleteDeliveryStreamInput$ = [3, n0, _DDSI,
    0,
    [_DSN, _AFD],
    [0, 2], 1
];
var DeleteDeliveryStreamOutput$ = [3, n0, _DDSO,
    0,
    [],
    []
];
var DeliveryStreamDescription$ = [3, n0, _DSDe,
    0,
    [_DSN, _DSARN, _DSS, _DST, _VI, _De, _HMD, _FD, _DSEC, _CT, _LUT, _So],
    [0, 0, 0, 0, 0, [() => DestinationDescriptionList, 0], 2, () => FailureDescription$, () => DeliveryStreamEncryptionConfiguration$, 4, 4, () => SourceDescription$], 7
];
var DeliveryStreamEncryptionConfiguration$ = [3, n0, _DSEC,
    0,
    [_KARN, _KT, _S, _FD],
    [0, 0, 0, () => FailureDescription$]
];
var DeliveryStreamEncryptionConfigurationInput$ = [3, n0, _DSECI,
    0,
    [_KT, _KARN],
    [0, 0], 1
];
var DescribeDeliveryStreamInput$ = [3, n0, _DDSIe,
    0,
    [_DSN, _L, _ESDI],
    [0, 1, 0], 1
];
var DescribeDeliveryStreamOutput$ = [3, n0, _DDSOe,
    0,
    [_DSDe],
    [[() => DeliveryStreamDescription$, 0]], 1
];
var Deserializer$ = [3, n0, _Des,
    0,
    [_OXJSD, _HJSD],
    [() => OpenXJsonSerDe$, () => HiveJsonSerDe$]
];
var DestinationDescription$ = [3, n0, _DD,
    0,
    [_DI, _SDD, _ESDD, _RDD, _EDD, _ADD, _SDDp, _HEDD, _SDDn, _AOSSDD, _IDD],
    [0, () => S3DestinationDescription$, () => ExtendedS3DestinationDescription$, [() => RedshiftDestinationDescription$, 0], () => ElasticsearchDestinationDescription$, () => AmazonopensearchserviceDestinationDescription$, () => SplunkDestinationDescription$, [() => HttpEndpointDestinationDescription$, 0], [() => SnowflakeDestinationDescription$, 0], () => AmazonOpenSearchServerlessDestinationDescription$, () => IcebergDestinationDescription$], 1
];
var DestinationTableConfiguration$ = [3, n0, _DTCe,
    0,
    [_DTNe, _DDN, _UK, _PS, _SEOP],
    [0, 0, 64 | 0, () => PartitionSpec$, 0], 2
];
var DirectPutSourceConfiguration$ = [3, n0, _DPSC,
    0,
    [_THIMB],
    [1], 1
];
var DirectPutSourceDescription$ = [3, n0, _DPSD,
    0,
    [_THIMB],
    [1]
];
var DocumentIdOptions$ = [3, n0, _DIO,
    0,
    [_DDIF],
    [0], 1
];
var DynamicPartitioningConfiguration$ = [3, n0, _DPC,
    0,
    [_RO, _E],
    [() => RetryOptions$, 2]
];
var ElasticsearchBufferingHints$ = [3, n0, _EBH,
    0,
    [_IIS, _SIMB],
    [1, 1]
];
var ElasticsearchDestinationConfiguration$ = [3, n0, _EDC,
    0,
    [_RARN, _IN, _SC, _DARN, _CEl, _TN, _IRP, _BH, _RO, _SBM, _PC, _CWLO, _VC, _DIO],
    [0, 0, () => S3DestinationConfiguration$, 0, 0, 0, 0, () => ElasticsearchBufferingHints$, () => ElasticsearchRetryOptions$, 0, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfiguration$, () => DocumentIdOptions$], 3
];
var ElasticsearchDestinationDescription$ = [3, n0, _EDD,
    0,
    [_RARN, _DARN, _CEl, _IN, _TN, _IRP, _BH, _RO, _SBM, _SDD, _PC, _CWLO, _VCD, _DIO],
    [0, 0, 0, 0, 0, 0, () => ElasticsearchBufferingHints$, () => ElasticsearchRetryOptions$, 0, () => S3DestinationDescription$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => VpcConfigurationDescription$, () => DocumentIdOptions$]
];
var ElasticsearchDestinationUpdate$ = [3, n0, _EDU,
    0,
    [_RARN, _DARN, _CEl, _IN, _TN, _IRP, _BH, _RO, _SUp, _PC, _CWLO, _DIO],
    [0, 0, 0, 0, 0, 0, () => ElasticsearchBufferingHints$, () => ElasticsearchRetryOptions$, () => S3DestinationUpdate$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => DocumentIdOptions$]
];
var ElasticsearchRetryOptions$ = [3, n0, _ERO,
    0,
    [_DIS],
    [1]
];
var EncryptionConfiguration$ = [3, n0, _EC,
    0,
    [_NEC, _KMSEC],
    [0, () => KMSEncryptionConfig$]
];
var ExtendedS3DestinationConfiguration$ = [3, n0, _ESDC,
    0,
    [_RARN, _BARN, _Pr, _EOP, _BH, _CF, _EC, _CWLO, _PC, _SBM, _SBC, _DFCC, _DPC, _FE, _CTZ],
    [0, 0, 0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => S3DestinationConfiguration$, () => DataFormatConversionConfiguration$, () => DynamicPartitioningConfiguration$, 0, 0], 2
];
var ExtendedS3DestinationDescription$ = [3, n0, _ESDD,
    0,
    [_RARN, _BARN, _BH, _CF, _EC, _Pr, _EOP, _CWLO, _PC, _SBM, _SBD, _DFCC, _DPC, _FE, _CTZ],
    [0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, 0, 0, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => S3DestinationDescription$, () => DataFormatConversionConfiguration$, () => DynamicPartitioningConfiguration$, 0, 0], 5
];
var ExtendedS3DestinationUpdate$ = [3, n0, _ESDU,
    0,
    [_RARN, _BARN, _Pr, _EOP, _BH, _CF, _EC, _CWLO, _PC, _SBM, _SBU, _DFCC, _DPC, _FE, _CTZ],
    [0, 0, 0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => S3DestinationUpdate$, () => DataFormatConversionConfiguration$, () => DynamicPartitioningConfiguration$, 0, 0]
];
var FailureDescription$ = [3, n0, _FD,
    0,
    [_Ty, _Det],
    [0, 0], 2
];
var HiveJsonSerDe$ = [3, n0, _HJSD,
    0,
    [_TF],
    [64 | 0]
];
var HttpEndpointBufferingHints$ = [3, n0, _HEBH,
    0,
    [_SIMB, _IIS],
    [1, 1]
];
var HttpEndpointCommonAttribute$ = [3, n0, _HECA,
    0,
    [_AN, _AV],
    [[() => HttpEndpointAttributeName, 0], [() => HttpEndpointAttributeValue, 0]], 2
];
var HttpEndpointConfiguration$ = [3, n0, _HEC,
    0,
    [_Ur, _N, _AK],
    [[() => HttpEndpointUrl, 0], 0, [() => HttpEndpointAccessKey, 0]], 1
];
var HttpEndpointDescription$ = [3, n0, _HED,
    0,
    [_Ur, _N],
    [[() => HttpEndpointUrl, 0], 0]
];
var HttpEndpointDestinationConfiguration$ = [3, n0, _HEDC,
    0,
    [_ECn, _SC, _BH, _CWLO, _RC, _PC, _RARN, _RO, _SBM, _SMC],
    [[() => HttpEndpointConfiguration$, 0], () => S3DestinationConfiguration$, () => HttpEndpointBufferingHints$, () => CloudWatchLoggingOptions$, [() => HttpEndpointRequestConfiguration$, 0], () => ProcessingConfiguration$, 0, () => HttpEndpointRetryOptions$, 0, () => SecretsManagerConfiguration$], 2
];
var HttpEndpointDestinationDescription$ = [3, n0, _HEDD,
    0,
    [_ECn, _BH, _CWLO, _RC, _PC, _RARN, _RO, _SBM, _SDD, _SMC],
    [[() => HttpEndpointDescription$, 0], () => HttpEndpointBufferingHints$, () => CloudWatchLoggingOptions$, [() => HttpEndpointRequestConfiguration$, 0], () => ProcessingConfiguration$, 0, () => HttpEndpointRetryOptions$, 0, () => S3DestinationDescription$, () => SecretsManagerConfiguration$]
];
var HttpEndpointDestinationUpdate$ = [3, n0, _HEDU,
    0,
    [_ECn, _BH, _CWLO, _RC, _PC, _RARN, _RO, _SBM, _SUp, _SMC],
    [[() => HttpEndpointConfiguration$, 0], () => HttpEndpointBufferingHints$, () => CloudWatchLoggingOptions$, [() => HttpEndpointRequestConfiguration$, 0], () => ProcessingConfiguration$, 0, () => HttpEndpointRetryOptions$, 0, () => S3DestinationUpdate$, () => SecretsManagerConfiguration$]
];
var HttpEndpointRequestConfiguration$ = [3, n0, _HERC,
    0,
    [_CEo, _CA],
    [0, [() => HttpEndpointCommonAttributesList, 0]]
];
var HttpEndpointRetryOptions$ = [3, n0, _HERO,
    0,
    [_DIS],
    [1]
];
var IcebergDestinationConfiguration$ = [3, n0, _IDC,
    0,
    [_RARN, _CC, _SC, _DTCL, _SEC, _TCC, _BH, _CWLO, _PC, _SBM, _RO, _AO],
    [0, () => CatalogConfiguration$, () => S3DestinationConfiguration$, () => DestinationTableConfigurationList, () => SchemaEvolutionConfiguration$, () => TableCreationConfiguration$, () => BufferingHints$, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => RetryOptions$, 2], 3
];
var IcebergDestinationDescription$ = [3, n0, _IDD,
    0,
    [_DTCL, _SEC, _TCC, _BH, _CWLO, _PC, _SBM, _RO, _RARN, _AO, _CC, _SDD],
    [() => DestinationTableConfigurationList, () => SchemaEvolutionConfiguration$, () => TableCreationConfiguration$, () => BufferingHints$, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => RetryOptions$, 0, 2, () => CatalogConfiguration$, () => S3DestinationDescription$]
];
var IcebergDestinationUpdate$ = [3, n0, _IDU,
    0,
    [_DTCL, _SEC, _TCC, _BH, _CWLO, _PC, _SBM, _RO, _RARN, _AO, _CC, _SC],
    [() => DestinationTableConfigurationList, () => SchemaEvolutionConfiguration$, () => TableCreationConfiguration$, () => BufferingHints$, () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => RetryOptions$, 0, 2, () => CatalogConfiguration$, () => S3DestinationConfiguration$]
];
var InputFormatConfiguration$ = [3, n0, _IFC,
    0,
    [_Des],
    [() => Deserializer$]
];
var KinesisStreamSourceConfiguration$ = [3, n0, _KSSC,
    0,
    [_KSARN, _RARN],
    [0, 0], 2
];
var KinesisStreamSourceDescription$ = [3, n0, _KSSD,
    0,
    [_KSARN, _RARN, _DSTe],
    [0, 0, 4]
];
var KMSEncryptionConfig$ = [3, n0, _KMSEC,
    0,
    [_AWSKMSKARN],
    [0], 1
];
var ListDeliveryStreamsInput$ = [3, n0, _LDSI,
    0,
    [_L, _DST, _ESDSN],
    [1, 0, 0]
];
var ListDeliveryStreamsOutput$ = [3, n0, _LDSO,
    0,
    [_DSNe, _HMDS],
    [64 | 0, 2], 2
];
var ListTagsForDeliveryStreamInput$ = [3, n0, _LTFDSI,
    0,
    [_DSN, _ESTK, _L],
    [0, 0, 1], 1
];
var ListTagsForDeliveryStreamOutput$ = [3, n0, _LTFDSO,
    0,
    [_T, _HMT],
    [() => ListTagsForDeliveryStreamOutputTagList, 2], 2
];
var MSKSourceConfiguration$ = [3, n0, _MSKSC,
    0,
    [_MSKCARN, _TNo, _AC, _RFT],
    [0, 0, () => AuthenticationConfiguration$, 4], 3
];
var MSKSourceDescription$ = [3, n0, _MSKSD,
    0,
    [_MSKCARN, _TNo, _AC, _DSTe, _RFT],
    [0, 0, () => AuthenticationConfiguration$, 4, 4]
];
var OpenXJsonSerDe$ = [3, n0, _OXJSD,
    0,
    [_CDIJKTU, _CI, _CTJKM],
    [2, 2, 128 | 0]
];
var OrcSerDe$ = [3, n0, _OSD,
    0,
    [_SSB, _BSB, _RIS, _EP, _PT, _Com, _BFC, _BFFPP, _DKT, _FV],
    [1, 1, 1, 2, 1, 0, 64 | 0, 1, 1, 0]
];
var OutputFormatConfiguration$ = [3, n0, _OFC,
    0,
    [_Se],
    [() => Serializer$]
];
var ParquetSerDe$ = [3, n0, _PSD,
    0,
    [_BSB, _PSB, _Com, _EDCn, _MPB, _WV],
    [1, 1, 0, 2, 1, 0]
];
var PartitionField$ = [3, n0, _PF,
    0,
    [_SN],
    [0], 1
];
var PartitionSpec$ = [3, n0, _PS,
    0,
    [_Ide],
    [() => PartitionFields]
];
var ProcessingConfiguration$ = [3, n0, _PC,
    0,
    [_E, _Pro],
    [2, () => ProcessorList]
];
var Processor$ = [3, n0, _Proc,
    0,
    [_Ty, _Pa],
    [0, () => ProcessorParameterList], 1
];
var ProcessorParameter$ = [3, n0, _PP,
    0,
    [_PN, _PV],
    [0, 0], 2
];
var PutRecordBatchInput$ = [3, n0, _PRBI,
    0,
    [_DSN, _R],
    [0, () => PutRecordBatchRequestEntryList], 2
];
var PutRecordBatchOutput$ = [3, n0, _PRBO,
    0,
    [_FPC, _RR, _Enc],
    [1, () => PutRecordBatchResponseEntryList, 2], 2
];
var PutRecordBatchResponseEntry$ = [3, n0, _PRBRE,
    0,
    [_RI, _ECr, _EM],
    [0, 0, 0]
];
var PutRecordInput$ = [3, n0, _PRI,
    0,
    [_DSN, _Re],
    [0, () => _Record$], 2
];
var PutRecordOutput$ = [3, n0, _PRO,
    0,
    [_RI, _Enc],
    [0, 2], 1
];
var _Record$ = [3, n0, _Re,
    0,
    [_Da],
    [21], 1
];
var RedshiftDestinationConfiguration$ = [3, n0, _RDC,
    0,
    [_RARN, _CJDBCURL, _CCo, _SC, _U, _P, _RO, _PC, _SBM, _SBC, _CWLO, _SMC],
    [0, 0, () => CopyCommand$, () => S3DestinationConfiguration$, [() => Username, 0], [() => Password, 0], () => RedshiftRetryOptions$, () => ProcessingConfiguration$, 0, () => S3DestinationConfiguration$, () => CloudWatchLoggingOptions$, () => SecretsManagerConfiguration$], 4
];
var RedshiftDestinationDescription$ = [3, n0, _RDD,
    0,
    [_RARN, _CJDBCURL, _CCo, _SDD, _U, _RO, _PC, _SBM, _SBD, _CWLO, _SMC],
    [0, 0, () => CopyCommand$, () => S3DestinationDescription$, [() => Username, 0], () => RedshiftRetryOptions$, () => ProcessingConfiguration$, 0, () => S3DestinationDescription$, () => CloudWatchLoggingOptions$, () => SecretsManagerConfiguration$], 4
];
var RedshiftDestinationUpdate$ = [3, n0, _RDU,
    0,
    [_RARN, _CJDBCURL, _CCo, _U, _P, _RO, _SUp, _PC, _SBM, _SBU, _CWLO, _SMC],
    [0, 0, () => CopyCommand$, [() => Username, 0], [() => Password, 0], () => RedshiftRetryOptions$, () => S3DestinationUpdate$, () => ProcessingConfiguration$, 0, () => S3DestinationUpdate$, () => CloudWatchLoggingOptions$, () => SecretsManagerConfiguration$]
];
var RedshiftRetryOptions$ = [3, n0, _RRO,
    0,
    [_DIS],
    [1]
];
var RetryOptions$ = [3, n0, _RO,
    0,
    [_DIS],
    [1]
];
var S3DestinationConfiguration$ = [3, n0, _SDC,
    0,
    [_RARN, _BARN, _Pr, _EOP, _BH, _CF, _EC, _CWLO],
    [0, 0, 0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, () => CloudWatchLoggingOptions$], 2
];
var S3DestinationDescription$ = [3, n0, _SDD,
    0,
    [_RARN, _BARN, _BH, _CF, _EC, _Pr, _EOP, _CWLO],
    [0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, 0, 0, () => CloudWatchLoggingOptions$], 5
];
var S3DestinationUpdate$ = [3, n0, _SDU,
    0,
    [_RARN, _BARN, _Pr, _EOP, _BH, _CF, _EC, _CWLO],
    [0, 0, 0, 0, () => BufferingHints$, 0, () => EncryptionConfiguration$, () => CloudWatchLoggingOptions$]
];
var SchemaConfiguration$ = [3, n0, _SCc,
    0,
    [_RARN, _CIa, _DN, _TNa, _Reg, _VI],
    [0, 0, 0, 0, 0, 0]
];
var SchemaEvolutionConfiguration$ = [3, n0, _SEC,
    0,
    [_E],
    [2], 1
];
var SecretsManagerConfiguration$ = [3, n0, _SMC,
    0,
    [_E, _SARN, _RARN],
    [2, 0, 0], 1
];
var Serializer$ = [3, n0, _Se,
    0,
    [_PSD, _OSD],
    [() => ParquetSerDe$, () => OrcSerDe$]
];
var SnowflakeBufferingHints$ = [3, n0, _SBH,
    0,
    [_SIMB, _IIS],
    [1, 1]
];
var SnowflakeDestinationConfiguration$ = [3, n0, _SDCn,
    0,
    [_AU, _Dat, _Sc, _Ta, _RARN, _SC, _PK, _KP, _Us, _SRC, _DLO, _MDCN, _CCN, _SVC, _CWLO, _PC, _RO, _SBM, _SMC, _BH],
    [[() => SnowflakeAccountUrl, 0], [() => SnowflakeDatabase, 0], [() => SnowflakeSchema, 0], [() => SnowflakeTable, 0], 0, () => S3DestinationConfiguration$, [() => SnowflakePrivateKey, 0], [() => SnowflakeKeyPassphrase, 0], [() => SnowflakeUser, 0], [() => SnowflakeRoleConfiguration$, 0], 0, [() => SnowflakeMetaDataColumnName, 0], [() => SnowflakeContentColumnName, 0], [() => SnowflakeVpcConfiguration$, 0], () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, () => SnowflakeRetryOptions$, 0, () => SecretsManagerConfiguration$, () => SnowflakeBufferingHints$], 6
];
var SnowflakeDestinationDescription$ = [3, n0, _SDDn,
    0,
    [_AU, _Us, _Dat, _Sc, _Ta, _SRC, _DLO, _MDCN, _CCN, _SVC, _CWLO, _PC, _RARN, _RO, _SBM, _SDD, _SMC, _BH],
    [[() => SnowflakeAccountUrl, 0], [() => SnowflakeUser, 0], [() => SnowflakeDatabase, 0], [() => SnowflakeSchema, 0], [() => SnowflakeTable, 0], [() => SnowflakeRoleConfiguration$, 0], 0, [() => SnowflakeMetaDataColumnName, 0], [() => SnowflakeContentColumnName, 0], [() => SnowflakeVpcConfiguration$, 0], () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => SnowflakeRetryOptions$, 0, () => S3DestinationDescription$, () => SecretsManagerConfiguration$, () => SnowflakeBufferingHints$]
];
var SnowflakeDestinationUpdate$ = [3, n0, _SDUn,
    0,
    [_AU, _PK, _KP, _Us, _Dat, _Sc, _Ta, _SRC, _DLO, _MDCN, _CCN, _CWLO, _PC, _RARN, _RO, _SBM, _SUp, _SMC, _BH],
    [[() => SnowflakeAccountUrl, 0], [() => SnowflakePrivateKey, 0], [() => SnowflakeKeyPassphrase, 0], [() => SnowflakeUser, 0], [() => SnowflakeDatabase, 0], [() => SnowflakeSchema, 0], [() => SnowflakeTable, 0], [() => SnowflakeRoleConfiguration$, 0], 0, [() => SnowflakeMetaDataColumnName, 0], [() => SnowflakeContentColumnName, 0], () => CloudWatchLoggingOptions$, () => ProcessingConfiguration$, 0, () => SnowflakeRetryOptions$, 0, () => S3DestinationUpdate$, () => SecretsManagerConfiguration$, () => SnowflakeBufferingHints$]
];
var SnowflakeRetryOptions$ = [3, n0, _SRO,
    0,
    [_DIS],
    [1]
];
var SnowflakeRoleConfiguration$ = [3, n0, _SRC,
    0,
    [_E, _SR],
    [2, [() => SnowflakeRole, 0]]
];
var SnowflakeVpcConfiguration$ = [3, n0, _SVC,
    0,
    [_PLVI],
    [[() => SnowflakePrivateLinkVpceId, 0]], 1
];
var SourceDescription$ = [3, n0, _SDo,
    0,
    [_DPSD, _KSSD, _MSKSD, _DSD],
    [() => DirectPutSourceDescription$, () => KinesisStreamSourceDescription$, () => MSKSourceDescription$, () => DatabaseSourceDescription$]
];
var SplunkBufferingHints$ = [3, n0, _SBHp,
    0,
    [_IIS, _SIMB],
    [1, 1]
];
var SplunkDestinationConfiguration$ = [3, n0, _SDCp,
    0,
    [_HECE, _HECET, _SC, _HECT, _HECATIS, _RO, _SBM, _PC, _CWLO, _BH, _SMC],
    [0, 0, () => S3DestinationConfiguration$, 0, 1, () => SplunkRetryOptions$, 0, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => SplunkBufferingHints$, () => SecretsManagerConfiguration$], 3
];
var SplunkDestinationDescription$ = [3, n0, _SDDp,
    0,
    [_HECE, _HECET, _HECT, _HECATIS, _RO, _SBM, _SDD, _PC, _CWLO, _BH, _SMC],
    [0, 0, 0, 1, () => SplunkRetryOptions$, 0, () => S3DestinationDescription$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => SplunkBufferingHints$, () => SecretsManagerConfiguration$]
];
var SplunkDestinationUpdate$ = [3, n0, _SDUp,
    0,
    [_HECE, _HECET, _HECT, _HECATIS, _RO, _SBM, _SUp, _PC, _CWLO, _BH, _SMC],
    [0, 0, 0, 1, () => SplunkRetryOptions$, 0, () => S3DestinationUpdate$, () => ProcessingConfiguration$, () => CloudWatchLoggingOptions$, () => SplunkBufferingHints$, () => SecretsManagerConfiguration$]
];
var SplunkRetryOptions$ = [3, n0, _SROp,
    0,
    [_DIS],
    [1]
];
var StartDeliveryStreamEncryptionInput$ = [3, n0, _SDSEI,
    0,
    [_DSN, _DSECI],
    [0, () => DeliveryStreamEncryptionConfigurationInput$], 1
];
var StartDeliveryStreamEncryptionOutput$ = [3, n0, _SDSEO,
    0,
    [],
    []
];
var StopDeliveryStreamEncryptionInput$ = [3, n0, _SDSEIt,
    0,
    [_DSN],
    [0], 1
];
var StopDeliveryStreamEncryptionOutput$ = [3, n0, _SDSEOt,
    0,
    [],
    []
];
var TableCreationConfiguration$ = [3, n0, _TCC,
    0,
    [_E],
    [2], 1
];
var Tag$ = [3, n0, _Tag,
    0,
    [_K, _V],
    [0, 0], 1
];
var TagDeliveryStreamInput$ = [3, n0, _TDSI,
    0,
    [_DSN, _T],
    [0, () => TagDeliveryStreamInputTagList], 2
];
var TagDeliveryStreamOutput$ = [3, n0, _TDSO,
    0,
    [],
    []
];
var UntagDeliveryStreamInput$ = [3, n0, _UDSI,
    0,
    [_DSN, _TK],
    [0, 64 | 0], 2
];
var UntagDeliveryStreamOutput$ = [3, n0, _UDSO,
    0,
    [],
    []
];
var UpdateDestinationInput$ = [3, n0, _UDI,
    0,
    [_DSN, _CDSVI, _DI, _SDU, _ESDU, _RDU, _EDU, _ADU, _SDUp, _HEDU, _AOSSDU, _SDUn, _IDU],
    [0, 0, 0, () => S3DestinationUpdate$, () => ExtendedS3DestinationUpdate$, [() => RedshiftDestinationUpdate$, 0], () => ElasticsearchDestinationUpdate$, () => AmazonopensearchserviceDestinationUpdate$, () => SplunkDestinationUpdate$, [() => HttpEndpointDestinationUpdate$, 0], () => AmazonOpenSearchServerlessDestinationUpdate$, [() => SnowflakeDestinationUpdate$, 0], () => IcebergDestinationUpdate$], 3
];
var UpdateDestinationOutput$ = [3, n0, _UDO,
    0,
    [],
    []
];
var VpcConfiguration$ = [3, n0, _VC,
    0,
    [_SIu, _RARN, _SGI],
    [64 | 0, 0, 64 | 0], 3
];
var VpcConfigurationDescription$ = [3, n0, _VCD,
    0,
    [_SIu, _RARN, _SGI, _VIp],
    [64 | 0, 0, 64 | 0, 0], 4
];
var DatabaseSnapshotInfoList = [1, n0, _DSIL,
    0, () => DatabaseSnapshotInfo$
];
var DestinationDescriptionList = [1, n0, _DDL,
    0, [() => DestinationDescription$,
        0]
];
var DestinationTableConfigurationList = [1, n0, _DTCL,
    0, () => DestinationTableConfiguration$
];
var HttpEndpointCommonAttributesList = [1, n0, _HECAL,
    0, [() => HttpEndpointCommonAttribute$,
        0]
];
var ListTagsForDeliveryStreamOutputTagList = [1, n0, _LTFDSOTL,
    0, () => Tag$
];
var PartitionFields = [1, n0, _PFa,
    0, () => PartitionField$
];
var ProcessorList = [1, n0, _PL,
    0, () => Processor$
];
var ProcessorParameterList = [1, n0, _PPL,
    0, () => ProcessorParameter$
];
var PutRecordBatchRequestEntryList = [1, n0, _PRBREL,
    0, () => _Record$
];
var PutRecordBatchResponseEntryList = [1, n0, _PRBRELu,
    0, () => PutRecordBatchResponseEntry$
];
var TagDeliveryStreamInputTagList = [1, n0, _TDSITL,
    0, () => Tag$
];
var CreateDeliveryStream$ = [9, n0, _CDS,
    0, () => CreateDeliveryStreamInput$, () => CreateDeliveryStreamOutput$
];
var DeleteDeliveryStream$ = [9, n0, _DDS,
    0, () => DeleteDeliveryStreamInput$, () => DeleteDeliveryStreamOutput$
];
var DescribeDeliveryStream$ = [9, n0, _DDSe,
    0, () => DescribeDeliveryStreamInput$, () => DescribeDeliveryStreamOutput$
];
var ListDeliveryStreams$ = [9, n0, _LDS,
    0, () => ListDeliveryStreamsInput$, () => ListDeliveryStreamsOutput$
];
var ListTagsForDeliveryStream$ = [9, n0, _LTFDS,
    0, () => ListTagsForDeliveryStreamInput$, () => ListTagsForDeliveryStreamOutput$
];
var PutRecord$ = [9, n0, _PR,
    0, () => PutRecordInput$, () => PutRecordOutput$
];
var PutRecordBatch$ = [9, n0, _PRB,
    0, () => PutRecordBatchInput$, () => PutRecordBatchOutput$
];
var StartDeliveryStreamEncryption$ = [9, n0, _SDSE,
    0, () => StartDeliveryStreamEncryptionInput$, () => StartDeliveryStreamEncryptionOutput$
];
var StopDeliveryStreamEncryption$ = [9, n0, _SDSEt,
    0, () => StopDeliveryStreamEncryptionInput$, () => StopDeliveryStreamEncryptionOutput$
];
var TagDeliveryStream$ = [9, n0, _TDS,
    0, () => TagDeliveryStreamInput$, () => TagDeliveryStreamOutput$
];
var UntagDeliveryStream$ = [9, n0, _UDS,
    0, () => UntagDeliveryStreamInput$, () => UntagDeliveryStreamOutput$
];
var UpdateDestination$ = [9, n0, _UD,
    0, () => UpdateDestinationInput$, () => UpdateDestinationOutput$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2015-08-04",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultFirehoseHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.firehose",
            errorTypeRegistries,
            xmlNamespace: "http://firehose.amazonaws.com/doc/2015-08-04",
            version: "2015-08-04",
            serviceTarget: "Firehose_20150804",
        },
        serviceId: config?.serviceId ?? "Firehose",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 300_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class FirehoseClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultFirehoseHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "Firehose_20150804", "FirehoseClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class CreateDeliveryStreamCommand extends command(_ep0, _mw0, "CreateDeliveryStream", CreateDeliveryStream$) {
}

class DeleteDeliveryStreamCommand extends command(_ep0, _mw0, "DeleteDeliveryStream", DeleteDeliveryStream$) {
}

class DescribeDeliveryStreamCommand extends command(_ep0, _mw0, "DescribeDeliveryStream", DescribeDeliveryStream$) {
}

class ListDeliveryStreamsCommand extends command(_ep0, _mw0, "ListDeliveryStreams", ListDeliveryStreams$) {
}

class ListTagsForDeliveryStreamCommand extends command(_ep0, _mw0, "ListTagsForDeliveryStream", ListTagsForDeliveryStream$) {
}

class PutRecordBatchCommand extends command(_ep0, _mw0, "PutRecordBatch", PutRecordBatch$) {
}

class PutRecordCommand extends command(_ep0, _mw0, "PutRecord", PutRecord$) {
}

class StartDeliveryStreamEncryptionCommand extends command(_ep0, _mw0, "StartDeliveryStreamEncryption", StartDeliveryStreamEncryption$) {
}

class StopDeliveryStreamEncryptionCommand extends command(_ep0, _mw0, "StopDeliveryStreamEncryption", StopDeliveryStreamEncryption$) {
}

class TagDeliveryStreamCommand extends command(_ep0, _mw0, "TagDeliveryStream", TagDeliveryStream$) {
}

class UntagDeliveryStreamCommand extends command(_ep0, _mw0, "UntagDeliveryStream", UntagDeliveryStream$) {
}

class UpdateDestinationCommand extends command(_ep0, _mw0, "UpdateDestination", UpdateDestination$) {
}

const commands = {
    CreateDeliveryStreamCommand,
    DeleteDeliveryStreamCommand,
    DescribeDeliveryStreamCommand,
    ListDeliveryStreamsCommand,
    ListTagsForDeliveryStreamCommand,
    PutRecordCommand,
    PutRecordBatchCommand,
    StartDeliveryStreamEncryptionCommand,
    StopDeliveryStreamEncryptionCommand,
    TagDeliveryStreamCommand,
    UntagDeliveryStreamCommand,
    UpdateDestinationCommand,
};
class Firehose extends FirehoseClient {
}
createAggregatedClient(commands, Firehose);

const ProcessorParameterName = {
    BUFFER_INTERVAL_IN_SECONDS: "BufferIntervalInSeconds",
    BUFFER_SIZE_IN_MB: "BufferSizeInMBs",
    COMPRESSION_FORMAT: "CompressionFormat",
    DATA_MESSAGE_EXTRACTION: "DataMessageExtraction",
    Delimiter: "Delimiter",
    JSON_PARSING_ENGINE: "JsonParsingEngine",
    LAMBDA_ARN: "LambdaArn",
    LAMBDA_NUMBER_OF_RETRIES: "NumberOfRetries",
    METADATA_EXTRACTION_QUERY: "MetadataExtractionQuery",
    ROLE_ARN: "RoleArn",
    SUB_RECORD_TYPE: "SubRecordType",
};
const ProcessorType = {
    AppendDelimiterToRecord: "AppendDelimiterToRecord",
    CloudWatchLogProcessing: "CloudWatchLogProcessing",
    Decompression: "Decompression",
    Lambda: "Lambda",
    MetadataExtraction: "MetadataExtraction",
    RecordDeAggregation: "RecordDeAggregation",
};
const AmazonOpenSearchServerlessS3BackupMode = {
    AllDocuments: "AllDocuments",
    FailedDocumentsOnly: "FailedDocumentsOnly",
};
const CompressionFormat = {
    GZIP: "GZIP",
    HADOOP_SNAPPY: "HADOOP_SNAPPY",
    SNAPPY: "Snappy",
    UNCOMPRESSED: "UNCOMPRESSED",
    ZIP: "ZIP",
};
const NoEncryptionConfig = {
    NoEncryption: "NoEncryption",
};
const DefaultDocumentIdFormat = {
    FIREHOSE_DEFAULT: "FIREHOSE_DEFAULT",
    NO_DOCUMENT_ID: "NO_DOCUMENT_ID",
};
const AmazonopensearchserviceIndexRotationPeriod = {
    NoRotation: "NoRotation",
    OneDay: "OneDay",
    OneHour: "OneHour",
    OneMonth: "OneMonth",
    OneWeek: "OneWeek",
};
const AmazonopensearchserviceS3BackupMode = {
    AllDocuments: "AllDocuments",
    FailedDocumentsOnly: "FailedDocumentsOnly",
};
const Connectivity = {
    PRIVATE: "PRIVATE",
    PUBLIC: "PUBLIC",
};
const ContentEncoding = {
    GZIP: "GZIP",
    NONE: "NONE",
};
const SSLMode = {
    Disabled: "Disabled",
    Enabled: "Enabled",
};
const DatabaseType = {
    MySQL: "MySQL",
    PostgreSQL: "PostgreSQL",
};
const KeyType = {
    AWS_OWNED_CMK: "AWS_OWNED_CMK",
    CUSTOMER_MANAGED_CMK: "CUSTOMER_MANAGED_CMK",
};
const DeliveryStreamType = {
    DatabaseAsSource: "DatabaseAsSource",
    DirectPut: "DirectPut",
    KinesisStreamAsSource: "KinesisStreamAsSource",
    MSKAsSource: "MSKAsSource",
};
const ElasticsearchIndexRotationPeriod = {
    NoRotation: "NoRotation",
    OneDay: "OneDay",
    OneHour: "OneHour",
    OneMonth: "OneMonth",
    OneWeek: "OneWeek",
};
const ElasticsearchS3BackupMode = {
    AllDocuments: "AllDocuments",
    FailedDocumentsOnly: "FailedDocumentsOnly",
};
const OrcCompression = {
    NONE: "NONE",
    SNAPPY: "SNAPPY",
    ZLIB: "ZLIB",
};
const OrcFormatVersion = {
    V0_11: "V0_11",
    V0_12: "V0_12",
};
const ParquetCompression = {
    GZIP: "GZIP",
    SNAPPY: "SNAPPY",
    UNCOMPRESSED: "UNCOMPRESSED",
};
const ParquetWriterVersion = {
    V1: "V1",
    V2: "V2",
};
const S3BackupMode = {
    Disabled: "Disabled",
    Enabled: "Enabled",
};
const HttpEndpointS3BackupMode = {
    AllData: "AllData",
    FailedDataOnly: "FailedDataOnly",
};
const IcebergS3BackupMode = {
    AllData: "AllData",
    FailedDataOnly: "FailedDataOnly",
};
const RedshiftS3BackupMode = {
    Disabled: "Disabled",
    Enabled: "Enabled",
};
const SnowflakeDataLoadingOption = {
    JSON_MAPPING: "JSON_MAPPING",
    VARIANT_CONTENT_AND_METADATA_MAPPING: "VARIANT_CONTENT_AND_METADATA_MAPPING",
    VARIANT_CONTENT_MAPPING: "VARIANT_CONTENT_MAPPING",
};
const SnowflakeS3BackupMode = {
    AllData: "AllData",
    FailedDataOnly: "FailedDataOnly",
};
const HECEndpointType = {
    Event: "Event",
    Raw: "Raw",
};
const SplunkS3BackupMode = {
    AllEvents: "AllEvents",
    FailedEventsOnly: "FailedEventsOnly",
};
const DeliveryStreamFailureType = {
    CREATE_ENI_FAILED: "CREATE_ENI_FAILED",
    CREATE_KMS_GRANT_FAILED: "CREATE_KMS_GRANT_FAILED",
    DELETE_ENI_FAILED: "DELETE_ENI_FAILED",
    DISABLED_KMS_KEY: "DISABLED_KMS_KEY",
    ENI_ACCESS_DENIED: "ENI_ACCESS_DENIED",
    INVALID_KMS_KEY: "INVALID_KMS_KEY",
    KMS_ACCESS_DENIED: "KMS_ACCESS_DENIED",
    KMS_KEY_NOT_FOUND: "KMS_KEY_NOT_FOUND",
    KMS_OPT_IN_REQUIRED: "KMS_OPT_IN_REQUIRED",
    RETIRE_KMS_GRANT_FAILED: "RETIRE_KMS_GRANT_FAILED",
    SECURITY_GROUP_ACCESS_DENIED: "SECURITY_GROUP_ACCESS_DENIED",
    SECURITY_GROUP_NOT_FOUND: "SECURITY_GROUP_NOT_FOUND",
    SUBNET_ACCESS_DENIED: "SUBNET_ACCESS_DENIED",
    SUBNET_NOT_FOUND: "SUBNET_NOT_FOUND",
    UNKNOWN_ERROR: "UNKNOWN_ERROR",
    VPC_ENDPOINT_SERVICE_NAME_NOT_FOUND: "VPC_ENDPOINT_SERVICE_NAME_NOT_FOUND",
    VPC_INTERFACE_ENDPOINT_SERVICE_ACCESS_DENIED: "VPC_INTERFACE_ENDPOINT_SERVICE_ACCESS_DENIED",
};
const SnapshotRequestedBy = {
    FIREHOSE: "FIREHOSE",
    USER: "USER",
};
const SnapshotStatus = {
    COMPLETE: "COMPLETE",
    IN_PROGRESS: "IN_PROGRESS",
    SUSPENDED: "SUSPENDED",
};
const DeliveryStreamEncryptionStatus = {
    DISABLED: "DISABLED",
    DISABLING: "DISABLING",
    DISABLING_FAILED: "DISABLING_FAILED",
    ENABLED: "ENABLED",
    ENABLING: "ENABLING",
    ENABLING_FAILED: "ENABLING_FAILED",
};
const DeliveryStreamStatus = {
    ACTIVE: "ACTIVE",
    CREATING: "CREATING",
    CREATING_FAILED: "CREATING_FAILED",
    DELETING: "DELETING",
    DELETING_FAILED: "DELETING_FAILED",
};

exports.AmazonOpenSearchServerlessBufferingHints$ = AmazonOpenSearchServerlessBufferingHints$;
exports.AmazonOpenSearchServerlessDestinationConfiguration$ = AmazonOpenSearchServerlessDestinationConfiguration$;
exports.AmazonOpenSearchServerlessDestinationDescription$ = AmazonOpenSearchServerlessDestinationDescription$;
exports.AmazonOpenSearchServerlessDestinationUpdate$ = AmazonOpenSearchServerlessDestinationUpdate$;
exports.AmazonOpenSearchServerlessRetryOptions$ = AmazonOpenSearchServerlessRetryOptions$;
exports.AmazonOpenSearchServerlessS3BackupMode = AmazonOpenSearchServerlessS3BackupMode;
exports.AmazonopensearchserviceBufferingHints$ = AmazonopensearchserviceBufferingHints$;
exports.AmazonopensearchserviceDestinationConfiguration$ = AmazonopensearchserviceDestinationConfiguration$;
exports.AmazonopensearchserviceDestinationDescription$ = AmazonopensearchserviceDestinationDescription$;
exports.AmazonopensearchserviceDestinationUpdate$ = AmazonopensearchserviceDestinationUpdate$;
exports.AmazonopensearchserviceIndexRotationPeriod = AmazonopensearchserviceIndexRotationPeriod;
exports.AmazonopensearchserviceRetryOptions$ = AmazonopensearchserviceRetryOptions$;
exports.AmazonopensearchserviceS3BackupMode = AmazonopensearchserviceS3BackupMode;
exports.AuthenticationConfiguration$ = AuthenticationConfiguration$;
exports.BufferingHints$ = BufferingHints$;
exports.CatalogConfiguration$ = CatalogConfiguration$;
exports.CloudWatchLoggingOptions$ = CloudWatchLoggingOptions$;
exports.CompressionFormat = CompressionFormat;
exports.ConcurrentModificationException = ConcurrentModificationException;
exports.ConcurrentModificationException$ = ConcurrentModificationException$;
exports.Connectivity = Connectivity;
exports.ContentEncoding = ContentEncoding;
exports.CopyCommand$ = CopyCommand$;
exports.CreateDeliveryStream$ = CreateDeliveryStream$;
exports.CreateDeliveryStreamCommand = CreateDeliveryStreamCommand;
exports.CreateDeliveryStreamInput$ = CreateDeliveryStreamInput$;
exports.CreateDeliveryStreamOutput$ = CreateDeliveryStreamOutput$;
exports.DataFormatConversionConfiguration$ = DataFormatConversionConfiguration$;
exports.DatabaseColumnList$ = DatabaseColumnList$;
exports.DatabaseList$ = DatabaseList$;
exports.DatabaseSnapshotInfo$ = DatabaseSnapshotInfo$;
exports.DatabaseSourceAuthenticationConfiguration$ = DatabaseSourceAuthenticationConfiguration$;
exports.DatabaseSourceConfiguration$ = DatabaseSourceConfiguration$;
exports.DatabaseSourceDescription$ = DatabaseSourceDescription$;
exports.DatabaseSourceVPCConfiguration$ = DatabaseSourceVPCConfiguration$;
exports.DatabaseTableList$ = DatabaseTableList$;
exports.DatabaseType = DatabaseType;
exports.DefaultDocumentIdFormat = DefaultDocumentIdFormat;
exports.DeleteDeliveryStream$ = DeleteDeliveryStream$;
exports.DeleteDeliveryStreamCommand = DeleteDeliveryStreamCommand;
exports.DeleteDeliveryStreamInput$ = DeleteDeliveryStreamInput$;
exports.DeleteDeliveryStreamOutput$ = DeleteDeliveryStreamOutput$;
exports.DeliveryStreamDescription$ = DeliveryStreamDescription$;
exports.DeliveryStreamEncryptionConfiguration$ = DeliveryStreamEncryptionConfiguration$;
exports.DeliveryStreamEncryptionConfigurationInput$ = DeliveryStreamEncryptionConfigurationInput$;
exports.DeliveryStreamEncryptionStatus = DeliveryStreamEncryptionStatus;
exports.DeliveryStreamFailureType = DeliveryStreamFailureType;
exports.DeliveryStreamStatus = DeliveryStreamStatus;
exports.DeliveryStreamType = DeliveryStreamType;
exports.DescribeDeliveryStream$ = DescribeDeliveryStream$;
exports.DescribeDeliveryStreamCommand = DescribeDeliveryStreamCommand;
exports.DescribeDeliveryStreamInput$ = DescribeDeliveryStreamInput$;
exports.DescribeDeliveryStreamOutput$ = DescribeDeliveryStreamOutput$;
exports.Deserializer$ = Deserializer$;
exports.DestinationDescription$ = DestinationDescription$;
exports.DestinationTableConfiguration$ = DestinationTableConfiguration$;
exports.DirectPutSourceConfiguration$ = DirectPutSourceConfiguration$;
exports.DirectPutSourceDescription$ = DirectPutSourceDescription$;
exports.DocumentIdOptions$ = DocumentIdOptions$;
exports.DynamicPartitioningConfiguration$ = DynamicPartitioningConfiguration$;
exports.ElasticsearchBufferingHints$ = ElasticsearchBufferingHints$;
exports.ElasticsearchDestinationConfiguration$ = ElasticsearchDestinationConfiguration$;
exports.ElasticsearchDestinationDescription$ = ElasticsearchDestinationDescription$;
exports.ElasticsearchDestinationUpdate$ = ElasticsearchDestinationUpdate$;
exports.ElasticsearchIndexRotationPeriod = ElasticsearchIndexRotationPeriod;
exports.ElasticsearchRetryOptions$ = ElasticsearchRetryOptions$;
exports.ElasticsearchS3BackupMode = ElasticsearchS3BackupMode;
exports.EncryptionConfiguration$ = EncryptionConfiguration$;
exports.ExtendedS3DestinationConfiguration$ = ExtendedS3DestinationConfiguration$;
exports.ExtendedS3DestinationDescription$ = ExtendedS3DestinationDescription$;
exports.ExtendedS3DestinationUpdate$ = ExtendedS3DestinationUpdate$;
exports.FailureDescription$ = FailureDescription$;
exports.Firehose = Firehose;
exports.FirehoseClient = FirehoseClient;
exports.FirehoseServiceException = FirehoseServiceException;
exports.FirehoseServiceException$ = FirehoseServiceException$;
exports.HECEndpointType = HECEndpointType;
exports.HiveJsonSerDe$ = HiveJsonSerDe$;
exports.HttpEndpointBufferingHints$ = HttpEndpointBufferingHints$;
exports.HttpEndpointCommonAttribute$ = HttpEndpointCommonAttribute$;
exports.HttpEndpointConfiguration$ = HttpEndpointConfiguration$;
exports.HttpEndpointDescription$ = HttpEndpointDescription$;
exports.HttpEndpointDestinationConfiguration$ = HttpEndpointDestinationConfiguration$;
exports.HttpEndpointDestinationDescription$ = HttpEndpointDestinationDescription$;
exports.HttpEndpointDestinationUpdate$ = HttpEndpointDestinationUpdate$;
exports.HttpEndpointRequestConfiguration$ = HttpEndpointRequestConfiguration$;
exports.HttpEndpointRetryOptions$ = HttpEndpointRetryOptions$;
exports.HttpEndpointS3BackupMode = HttpEndpointS3BackupMode;
exports.IcebergDestinationConfiguration$ = IcebergDestinationConfiguration$;
exports.IcebergDestinationDescription$ = IcebergDestinationDescription$;
exports.IcebergDestinationUpdate$ = IcebergDestinationUpdate$;
exports.IcebergS3BackupMode = IcebergS3BackupMode;
exports.InputFormatConfiguration$ = InputFormatConfiguration$;
exports.InvalidArgumentException = InvalidArgumentException;
exports.InvalidArgumentException$ = InvalidArgumentException$;
exports.InvalidKMSResourceException = InvalidKMSResourceException;
exports.InvalidKMSResourceException$ = InvalidKMSResourceException$;
exports.InvalidSourceException = InvalidSourceException;
exports.InvalidSourceException$ = InvalidSourceException$;
exports.KMSEncryptionConfig$ = KMSEncryptionConfig$;
exports.KeyType = KeyType;
exports.KinesisStreamSourceConfiguration$ = KinesisStreamSourceConfiguration$;
exports.KinesisStreamSourceDescription$ = KinesisStreamSourceDescription$;
exports.LimitExceededException = LimitExceededException;
exports.LimitExceededException$ = LimitExceededException$;
exports.ListDeliveryStreams$ = ListDeliveryStreams$;
exports.ListDeliveryStreamsCommand = ListDeliveryStreamsCommand;
exports.ListDeliveryStreamsInput$ = ListDeliveryStreamsInput$;
exports.ListDeliveryStreamsOutput$ = ListDeliveryStreamsOutput$;
exports.ListTagsForDeliveryStream$ = ListTagsForDeliveryStream$;
exports.ListTagsForDeliveryStreamCommand = ListTagsForDeliveryStreamCommand;
exports.ListTagsForDeliveryStreamInput$ = ListTagsForDeliveryStreamInput$;
exports.ListTagsForDeliveryStreamOutput$ = ListTagsForDeliveryStreamOutput$;
exports.MSKSourceConfiguration$ = MSKSourceConfiguration$;
exports.MSKSourceDescription$ = MSKSourceDescription$;
exports.NoEncryptionConfig = NoEncryptionConfig;
exports.OpenXJsonSerDe$ = OpenXJsonSerDe$;
exports.OrcCompression = OrcCompression;
exports.OrcFormatVersion = OrcFormatVersion;
exports.OrcSerDe$ = OrcSerDe$;
exports.OutputFormatConfiguration$ = OutputFormatConfiguration$;
exports.ParquetCompression = ParquetCompression;
exports.ParquetSerDe$ = ParquetSerDe$;
exports.ParquetWriterVersion = ParquetWriterVersion;
exports.PartitionField$ = PartitionField$;
exports.PartitionSpec$ = PartitionSpec$;
exports.ProcessingConfiguration$ = ProcessingConfiguration$;
exports.Processor$ = Processor$;
exports.ProcessorParameter$ = ProcessorParameter$;
exports.ProcessorParameterName = ProcessorParameterName;
exports.ProcessorType = ProcessorType;
exports.PutRecord$ = PutRecord$;
exports.PutRecordBatch$ = PutRecordBatch$;
exports.PutRecordBatchCommand = PutRecordBatchCommand;
exports.PutRecordBatchInput$ = PutRecordBatchInput$;
exports.PutRecordBatchOutput$ = PutRecordBatchOutput$;
exports.PutRecordBatchResponseEntry$ = PutRecordBatchResponseEntry$;
exports.PutRecordCommand = PutRecordCommand;
exports.PutRecordInput$ = PutRecordInput$;
exports.PutRecordOutput$ = PutRecordOutput$;
exports.RedshiftDestinationConfiguration$ = RedshiftDestinationConfiguration$;
exports.RedshiftDestinationDescription$ = RedshiftDestinationDescription$;
exports.RedshiftDestinationUpdate$ = RedshiftDestinationUpdate$;
exports.RedshiftRetryOptions$ = RedshiftRetryOptions$;
exports.RedshiftS3BackupMode = RedshiftS3BackupMode;
exports.ResourceInUseException = ResourceInUseException;
exports.ResourceInUseException$ = ResourceInUseException$;
exports.ResourceNotFoundException = ResourceNotFoundException;
exports.ResourceNotFoundException$ = ResourceNotFoundException$;
exports.RetryOptions$ = RetryOptions$;
exports.S3BackupMode = S3BackupMode;
exports.S3DestinationConfiguration$ = S3DestinationConfiguration$;
exports.S3DestinationDescription$ = S3DestinationDescription$;
exports.S3DestinationUpdate$ = S3DestinationUpdate$;
exports.SSLMode = SSLMode;
exports.SchemaConfiguration$ = SchemaConfiguration$;
exports.SchemaEvolutionConfiguration$ = SchemaEvolutionConfiguration$;
exports.SecretsManagerConfiguration$ = SecretsManagerConfiguration$;
exports.Serializer$ = Serializer$;
exports.ServiceUnavailableException = ServiceUnavailableException;
exports.ServiceUnavailableException$ = ServiceUnavailableException$;
exports.SnapshotRequestedBy = SnapshotRequestedBy;
exports.SnapshotStatus = SnapshotStatus;
exports.SnowflakeBufferingHints$ = SnowflakeBufferingHints$;
exports.SnowflakeDataLoadingOption = SnowflakeDataLoadingOption;
exports.SnowflakeDestinationConfiguration$ = SnowflakeDestinationConfiguration$;
exports.SnowflakeDestinationDescription$ = SnowflakeDestinationDescription$;
exports.SnowflakeDestinationUpdate$ = SnowflakeDestinationUpdate$;
exports.SnowflakeRetryOptions$ = SnowflakeRetryOptions$;
exports.SnowflakeRoleConfiguration$ = SnowflakeRoleConfiguration$;
exports.SnowflakeS3BackupMode = SnowflakeS3BackupMode;
exports.SnowflakeVpcConfiguration$ = SnowflakeVpcConfiguration$;
exports.SourceDescription$ = SourceDescription$;
exports.SplunkBufferingHints$ = SplunkBufferingHints$;
exports.SplunkDestinationConfiguration$ = SplunkDestinationConfiguration$;
exports.SplunkDestinationDescription$ = SplunkDestinationDescription$;
exports.SplunkDestinationUpdate$ = SplunkDestinationUpdate$;
exports.SplunkRetryOptions$ = SplunkRetryOptions$;
exports.SplunkS3BackupMode = SplunkS3BackupMode;
exports.StartDeliveryStreamEncryption$ = StartDeliveryStreamEncryption$;
exports.StartDeliveryStreamEncryptionCommand = StartDeliveryStreamEncryptionCommand;
exports.StartDeliveryStreamEncryptionInput$ = StartDeliveryStreamEncryptionInput$;
exports.StartDeliveryStreamEncryptionOutput$ = StartDeliveryStreamEncryptionOutput$;
exports.StopDeliveryStreamEncryption$ = StopDeliveryStreamEncryption$;
exports.StopDeliveryStreamEncryptionCommand = StopDeliveryStreamEncryptionCommand;
exports.StopDeliveryStreamEncryptionInput$ = StopDeliveryStreamEncryptionInput$;
exports.StopDeliveryStreamEncryptionOutput$ = StopDeliveryStreamEncryptionOutput$;
exports.TableCreationConfiguration$ = TableCreationConfiguration$;
exports.Tag$ = Tag$;
exports.TagDeliveryStream$ = TagDeliveryStream$;
exports.TagDeliveryStreamCommand = TagDeliveryStreamCommand;
exports.TagDeliveryStreamInput$ = TagDeliveryStreamInput$;
exports.TagDeliveryStreamOutput$ = TagDeliveryStreamOutput$;
exports.UntagDeliveryStream$ = UntagDeliveryStream$;
exports.UntagDeliveryStreamCommand = UntagDeliveryStreamCommand;
exports.UntagDeliveryStreamInput$ = UntagDeliveryStreamInput$;
exports.UntagDeliveryStreamOutput$ = UntagDeliveryStreamOutput$;
exports.UpdateDestination$ = UpdateDestination$;
exports.UpdateDestinationCommand = UpdateDestinationCommand;
exports.UpdateDestinationInput$ = UpdateDestinationInput$;
exports.UpdateDestinationOutput$ = UpdateDestinationOutput$;
exports.VpcConfiguration$ = VpcConfiguration$;
exports.VpcConfigurationDescription$ = VpcConfigurationDescription$;
exports._Record$ = _Record$;
exports.errorTypeRegistries = errorTypeRegistries;


/***/ })

};
