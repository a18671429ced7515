//! Every API Gateway fact the designer needs, stated once: enums, bounds, patterns, hints.
//!
//! Forms read their choices from here and rules check against the same lists, so the app and
//! the CLI can never disagree about what API Gateway accepts. Sources are in `docs/rules.md`.

/// Verbs accepted in `{http_method}` (AWS: "Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY").
pub const HTTP_METHODS: &[&str] =
    &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];

/// Verbs an integration may call (`integrationHttpMethod`); ANY passes the client's verb through.
pub const INTEGRATION_HTTP_METHODS: &[&str] =
    &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];

/// `PutMethod.authorizationType` (a free string in the model; these are the documented values).
pub const AUTHORIZATION_TYPES: &[&str] = &["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"];

/// `IntegrationType`.
pub const INTEGRATION_TYPES: &[&str] = &["HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK"];

/// `ConnectionType`.
pub const CONNECTION_TYPES: &[&str] = &["INTERNET", "VPC_LINK"];

/// The connection of an integration that names none.
pub const CONNECTION_TYPE_DEFAULT: &str = CONNECTION_TYPES[0];

/// `passthroughBehavior` (a free string in the model; three documented values).
pub const PASSTHROUGH_BEHAVIORS: &[&str] = &["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];

/// `ContentHandlingStrategy`.
pub const CONTENT_HANDLING: &[&str] = &["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];

/// `ResponseTransferMode`.
pub const RESPONSE_TRANSFER_MODES: &[&str] = &["BUFFERED", "STREAM"];

/// The transfer mode of an integration that names none.
pub const RESPONSE_TRANSFER_MODE_DEFAULT: &str = RESPONSE_TRANSFER_MODES[0];

/// Endpoint types of a REST API.
pub const ENDPOINT_TYPES: &[&str] = &["EDGE", "REGIONAL", "PRIVATE"];

/// `ApiKeySourceType`: where a usage plan's API key is read (HEADER when unset).
pub const API_KEY_SOURCES: &[&str] = &["HEADER", "AUTHORIZER"];

/// The API key source of an API that names none (GetRestApi reports it).
pub const API_KEY_SOURCE_DEFAULT: &str = API_KEY_SOURCES[0];

/// The verb of a method that answers every verb.
pub const ANY_METHOD: &str = "ANY";

/// `AuthorizerType`.
pub const AUTHORIZER_TYPES: &[&str] = &["TOKEN", "REQUEST", "COGNITO_USER_POOLS"];

/// Locations of method request parameters (`method.request.{location}.{name}`).
pub const METHOD_REQUEST_LOCATIONS: &[&str] = &["querystring", "path", "header"];

/// Locations of integration request parameters (`integration.request.{location}.{name}`).
pub const INTEGRATION_REQUEST_LOCATIONS: &[&str] = &["querystring", "path", "header"];

/// Smallest integration timeout, in milliseconds.
pub const TIMEOUT_MIN_MS: i64 = 50;
/// The default and the limit without a quota increase; the only limit for edge-optimized APIs.
pub const TIMEOUT_DEFAULT_MS: i64 = 29_000;

/// The models API Gateway creates with every REST API ("API Gateway provides two predefined
/// models, Empty and Error": Data models for REST APIs, API Gateway Developer Guide,
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html).
pub const BUILT_IN_MODELS: &[&str] = &["Empty", "Error"];

/// Clears what API Gateway fills in for an integration field left unset, as GetIntegration
/// reports it: the timeout of 29,000 ms, the connection type INTERNET, and the resource's own id
/// as the cache namespace (PutIntegration in the API Reference: "timeoutInMillis … default
/// value is 29,000 milliseconds"; "connectionType … The default value is INTERNET";
/// "cacheNamespace … By default, API Gateway uses the resource ID").
pub fn unset_integration_defaults(
    integration: &mut crate::model::Integration,
    resource_id: Option<&str>,
) {
    if integration.timeout_in_millis == Some(TIMEOUT_DEFAULT_MS) {
        integration.timeout_in_millis = None;
    }
    if integration.connection_type.as_deref() == Some("INTERNET") {
        integration.connection_type = None;
    }
    if integration.cache_namespace.is_some()
        && integration.cache_namespace.as_deref() == resource_id
    {
        integration.cache_namespace = None;
    }
}
/// The largest timeout a Regional or private API can reach with a quota increase.
pub const TIMEOUT_REGIONAL_MAX_MS: i64 = 300_000;
/// The largest timeout with `responseTransferMode: STREAM` (15 minutes).
pub const TIMEOUT_STREAM_MAX_MS: i64 = 900_000;

/// Largest mapping template API Gateway stores, in bytes.
pub const TEMPLATE_MAX_BYTES: usize = 300 * 1024;
/// Default quota of resources per API.
pub const RESOURCES_PER_API: usize = 300;
/// Default quota of authorizers per API.
pub const AUTHORIZERS_PER_API: usize = 10;
/// Longest stage name, in characters.
pub const STAGE_NAME_MAX: usize = 128;
/// Stage variables a stage holds at most (a quota that cannot be raised).
pub const STAGE_VARIABLES_PER_STAGE: usize = 100;
/// Longest stage variable name, in characters.
pub const STAGE_VARIABLE_NAME_MAX: usize = 64;
/// Longest stage variable value, in characters.
pub const STAGE_VARIABLE_VALUE_MAX: usize = 512;
/// The characters a stage variable's value may hold besides ASCII letters and digits (its
/// pattern is `[A-Za-z0-9-._~:/?#&=,]+`).
pub const STAGE_VARIABLE_VALUE_SPECIALS: &str = "-._~:/?#&=,";
/// Largest authorizer result TTL for TOKEN and REQUEST authorizers, in seconds.
pub const AUTHORIZER_TTL_MAX: i64 = 3600;

/// Every gateway response type API Gateway lets an API customise (`GatewayResponseType`), as
/// "Gateway response types for API Gateway" in the Developer Guide lists them.
pub const GATEWAY_RESPONSE_TYPES: &[&str] = &[
    "ACCESS_DENIED",
    "API_CONFIGURATION_ERROR",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE",
    "BAD_REQUEST_PARAMETERS",
    "BAD_REQUEST_BODY",
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY",
    "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN",
    "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "THROTTLED",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "WAF_FILTERED",
];

/// The status code API Gateway answers with for a response type whose gateway response sets
/// none (the "Default status code" column of "Gateway response types for API Gateway").
/// DEFAULT_4XX and DEFAULT_5XX have none: they are the fallbacks of every other 4XX and 5XX
/// response. None for a type API Gateway does not define.
pub fn gateway_response_default_status(response_type: &str) -> Option<&'static str> {
    Some(match response_type {
        "ACCESS_DENIED" => "403",
        "API_CONFIGURATION_ERROR" => "500",
        "AUTHORIZER_CONFIGURATION_ERROR" => "500",
        "AUTHORIZER_FAILURE" => "500",
        "BAD_REQUEST_PARAMETERS" => "400",
        "BAD_REQUEST_BODY" => "400",
        "EXPIRED_TOKEN" => "403",
        "INTEGRATION_FAILURE" => "504",
        "INTEGRATION_TIMEOUT" => "504",
        "INVALID_API_KEY" => "403",
        "INVALID_SIGNATURE" => "403",
        "MISSING_AUTHENTICATION_TOKEN" => "403",
        "QUOTA_EXCEEDED" => "429",
        "REQUEST_TOO_LARGE" => "413",
        "RESOURCE_NOT_FOUND" => "404",
        "THROTTLED" => "429",
        "UNAUTHORIZED" => "401",
        "UNSUPPORTED_MEDIA_TYPE" => "415",
        "WAF_FILTERED" => "403",
        _ => return None,
    })
}

/// The body API Gateway gives a gateway response that sets no template: the content type and
/// the template its default responses carry, and GetGatewayResponses reports for one put
/// without templates.
pub const GATEWAY_RESPONSE_DEFAULT_TEMPLATE: (&str, &str) =
    ("application/json", "{\"message\":$context.error.messageString}");

/// Clears what API Gateway fills in for a gateway response's fields left unset, as
/// GetGatewayResponses reports them: the response type's default status code
/// ([`gateway_response_default_status`]) and the default template
/// ([`GATEWAY_RESPONSE_DEFAULT_TEMPLATE`]) when it is the only one. A design that leaves them
/// out and one that writes them out are the same API.
pub fn unset_gateway_response_defaults(
    response_type: &str,
    response: &mut crate::model::GatewayResponse,
) {
    if response.status_code.is_some()
        && response.status_code.as_deref() == gateway_response_default_status(response_type)
    {
        response.status_code = None;
    }
    let (content_type, template) = GATEWAY_RESPONSE_DEFAULT_TEMPLATE;
    if response.response_templates.len() == 1
        && response.response_templates.get(content_type).map(String::as_str) == Some(template)
    {
        response.response_templates = crate::map::Map::new();
    }
}

/// The header a gateway response parameter sets: `gatewayresponse.header.{name}`.
pub const GATEWAY_RESPONSE_HEADER_PREFIX: &str = "gatewayresponse.header.";

/// The VTL directives, which a gateway response's template does not run (it is not VTL).
pub const VTL_DIRECTIVES: &[&str] = &[
    "set", "if", "elseif", "else", "end", "foreach", "break", "stop", "define", "macro", "parse",
    "include", "evaluate",
];

/// `context.*` variables usable as mapping sources (API Gateway's `$context` reference).
pub const CONTEXT_VARIABLES: &[&str] = &[
    "accountId",
    "apiId",
    "authorizer.principalId",
    "authorizer.claims",
    "awsEndpointRequestId",
    "domainName",
    "domainPrefix",
    "error.message",
    "error.messageString",
    "error.responseType",
    "error.validationErrorString",
    "extendedRequestId",
    "httpMethod",
    "identity.accountId",
    "identity.apiKey",
    "identity.apiKeyId",
    "identity.caller",
    "identity.cognitoIdentityId",
    "identity.cognitoIdentityPoolId",
    "identity.principalOrgId",
    "identity.sourceIp",
    "identity.user",
    "identity.userAgent",
    "identity.userArn",
    "path",
    "protocol",
    "requestId",
    "requestOverride",
    "requestTime",
    "requestTimeEpoch",
    "resourceId",
    "resourcePath",
    "stage",
    "wafResponseCode",
    "webaclArn",
];

/// The Access-Control headers the console's "Enable CORS" writes, with its defaults.
pub const CORS_ALLOW_HEADERS_DEFAULT: &str =
    "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'";

/// A hint and an example for the `uri` field, by integration type.
pub fn uri_hint(integration_type: &str) -> (&'static str, &'static str) {
    match integration_type {
        "HTTP" | "HTTP_PROXY" => (
            "A fully formed, encoded http(s) URL; {name} placeholders take path mappings.",
            "https://petstore.example.com/pets/{petId}",
        ),
        "AWS_PROXY" => (
            "A Lambda invocation ARN: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations",
        ),
        "AWS" => (
            "arn:aws:apigateway:{region}:{service}:path/{service_api} or …:action/{Action}&{params}",
            "arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}",
        ),
        _ => ("MOCK integrations have no URI.", ""),
    }
}

/// The integration URI that invokes a Lambda function, from the function's ARN
/// (`arn:aws:lambda:us-east-1:123456789012:function:pets`, with an alias or version after a
/// further `:` if any, in any partition): `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/
/// functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations`. The URI's own
/// region is the API's ("arn:aws:apigateway:api-region:lambda:path//2015-03-31/functions/
/// arn:aws:lambda:lambda-region:account-id:function:lambda-function-name/invocations": Basic
/// tasks of an API integration request, API Gateway Developer Guide,
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html):
/// `region_hint`, the API's region when it is known and in the function's partition, else the
/// function's own. None for anything else: an invocation URI already, a bare function name, a
/// partial ARN, an ARN whose partition and region disagree.
pub fn lambda_invocation_uri(input: &str, region_hint: Option<&str>) -> Option<String> {
    let arn = input.trim();
    let mut parts = arn.split(':');
    let mut next = || parts.next().unwrap_or_default();
    let (arn_tag, partition, service, region, account, resource, name) =
        (next(), next(), next(), next(), next(), next(), next());
    let qualifier = parts.next();
    let plain = |text: &str, longest: usize| {
        (1..=longest).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    };
    // A stage variable may name the function or its alias (`${stageVariables.alias}`).
    let stage_variable = |text: &str| {
        text.strip_prefix("${stageVariables.")
            .and_then(|rest| rest.strip_suffix('}'))
            .is_some_and(|variable| plain(variable, 64))
    };
    let well_formed = arn_tag == "arn"
        && service == "lambda"
        && resource == "function"
        && partition_of_region(region) == Some(partition)
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && (plain(name, 64) || stage_variable(name))
        && qualifier.is_none_or(|q| q == "$LATEST" || plain(q, 128) || stage_variable(q))
        && parts.next().is_none();
    if !well_formed {
        return None;
    }
    let api_region = region_hint
        .map(str::trim)
        .filter(|hint| partition_of_region(hint) == Some(partition))
        .unwrap_or(region);
    Some(format!(
        "arn:{partition}:apigateway:{api_region}:lambda:path/2015-03-31/functions/{arn}/invocations"
    ))
}

/// The Lambda function an invocation URI calls: `arn:aws:lambda:us-east-1:123456789012:
/// function:pets` (with its alias or version, if any) from `arn:aws:apigateway:us-east-1:lambda:
/// path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations`;
/// None for any other URI.
pub fn lambda_function_arn(uri: &str) -> Option<&str> {
    let (head, rest) = uri.trim().split_once(":lambda:path/2015-03-31/functions/")?;
    let arn = rest.strip_suffix("/invocations")?;
    let mut parts = arn.split(':');
    let well_formed = head.starts_with("arn:")
        && parts.next() == Some("arn")
        && parts.next().is_some_and(|p| !p.is_empty())
        && parts.next() == Some("lambda")
        && parts.nth(2) == Some("function")
        && parts.next().is_some_and(|name| !name.is_empty());
    well_formed.then_some(arn)
}

/// The invocation URI for a Lambda function named without its ARN (`get-order`, or
/// `get-order:live` with an alias), in the account and regions of a Lambda function the
/// design already calls: the first of `known` (integration or authorizer URIs) that is an
/// invocation URI. None when the name is not a plain function name or no URI is known.
pub fn lambda_invocation_uri_for_name<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let name = name.trim();
    let (function, qualifier) = match name.split_once(':') {
        Some((f, q)) => (f, Some(q)),
        None => (name, None),
    };
    let plain = |text: &str| {
        !text.is_empty()
            && text.len() <= 64
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    };
    if !plain(function) || qualifier.is_some_and(|q| !plain(q) && q != "$LATEST") {
        return None;
    }
    known.into_iter().find_map(|uri| {
        // arn:P:apigateway:API_REGION:lambda:path/2015-03-31/functions/arn:P:lambda:R:ACCOUNT:function:…/invocations
        let (head, function_arn) = uri.trim().split_once(":lambda:path/2015-03-31/functions/")?;
        let api_region = head.rsplit(':').next()?;
        let function_arn = function_arn.strip_suffix("/invocations")?;
        let mut parts = function_arn.split(':');
        let (tag, partition, service, region, account) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if tag != "arn" || service != "lambda" || parts.next()? != "function" {
            return None;
        }
        let arn = format!("arn:{partition}:lambda:{region}:{account}:function:{name}");
        lambda_invocation_uri(&arn, Some(api_region))
    })
}

/// The partition of a region code (`us-east-1` → `aws`, `cn-north-1` → `aws-cn`,
/// `us-gov-west-1` → `aws-us-gov`, and the isolated ones), or None when `region` is not a
/// region code (letters, then hyphenated words, then a number: `ap-southeast-2`).
pub fn partition_of_region(region: &str) -> Option<&'static str> {
    let mut words = region.split('-');
    let number = words.next_back()?;
    let words: Vec<&str> = words.collect();
    let is_word = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    if words.len() < 2
        || !words.iter().all(is_word)
        || number.is_empty()
        || !number.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some(match (words[0], words[1]) {
        ("cn", _) => "aws-cn",
        ("us", "gov") => "aws-us-gov",
        ("us", "iso") => "aws-iso",
        ("us", "isob") => "aws-iso-b",
        ("us", "isof") => "aws-iso-f",
        ("eu", "isoe") => "aws-iso-e",
        ("eusc", _) => "aws-eusc",
        _ => "aws",
    })
}

/// Whether a method of this authorization type names an authorizer.
pub fn needs_authorizer(authorization_type: &str) -> bool {
    matches!(authorization_type, "CUSTOM" | "COGNITO_USER_POOLS")
}

/// Whether a method of this authorization type takes OAuth scopes (Cognito user pools only).
pub fn takes_scopes(authorization_type: &str) -> bool {
    authorization_type == "COGNITO_USER_POOLS"
}

/// Whether an authorizer of this type is a Cognito user pool authorizer (which takes
/// `providerARNs` rather than a Lambda function's URI).
pub fn is_cognito_authorizer(authorizer_type: &str) -> bool {
    authorizer_type == "COGNITO_USER_POOLS"
}

/// The kinds of integration a new method can call, as the console names them.
pub const INTEGRATION_KINDS: &[(&str, &str)] = &[
    ("Lambda proxy", "AWS_PROXY"),
    ("HTTP", "HTTP"),
    ("HTTP proxy", "HTTP_PROXY"),
    ("AWS service", "AWS"),
    ("Mock", "MOCK"),
];

/// Whether an integration type calls an HTTP back end.
pub fn is_http(integration_type: &str) -> bool {
    matches!(integration_type, "HTTP" | "HTTP_PROXY")
}

/// Whether an integration type calls an AWS service (Lambda among them).
pub fn is_aws(integration_type: &str) -> bool {
    matches!(integration_type, "AWS" | "AWS_PROXY")
}

/// Whether an integration type is a mock (no back end, no URI).
pub fn is_mock(integration_type: &str) -> bool {
    integration_type == "MOCK"
}

/// Whether a connection type goes through a VPC link (and so needs `connectionId`).
pub fn is_vpc_link(connection_type: &str) -> bool {
    connection_type == "VPC_LINK"
}

/// Content types offered as keys of models and templates.
pub const COMMON_CONTENT_TYPES: &[&str] =
    &["application/json", "application/xml", "application/x-www-form-urlencoded", "text/plain"];

/// Mapping expressions offered for an integration response's header mappings.
pub const RESPONSE_MAPPING_SUGGESTIONS: &[&str] =
    &["'*'", "integration.response.header.", "integration.response.body", "context.requestId"];

/// Whether an integration type takes `tlsConfig`.
pub fn takes_tls_config(integration_type: &str) -> bool {
    matches!(integration_type, "HTTP" | "HTTP_PROXY")
}

/// Whether an integration type is a proxy type (no integration response mapping).
pub fn is_proxy(integration_type: &str) -> bool {
    matches!(integration_type, "HTTP_PROXY" | "AWS_PROXY")
}

/// Whether an integration type needs `integrationHttpMethod`.
pub fn needs_integration_http_method(integration_type: &str) -> bool {
    integration_type != "MOCK"
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_function_named_alone_is_called_in_the_account_of_one_the_design_calls() {
        let known = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:pets/invocations";
        assert_eq!(
            lambda_invocation_uri_for_name("get-order", ["https://x.example", known]).as_deref(),
            Some(
                "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:get-order/invocations"
            )
        );
        assert!(
            lambda_invocation_uri_for_name("get-order:live", [known])
                .unwrap()
                .contains("function:get-order:live/invocations")
        );
        assert_eq!(lambda_invocation_uri_for_name("get-order", ["https://x.example"]), None);
        assert_eq!(
            lambda_function_arn(known),
            Some("arn:aws:lambda:eu-west-1:123456789012:function:pets")
        );
        assert_eq!(lambda_function_arn("https://x.example/functions/x/invocations"), None);
        assert_eq!(
            lambda_function_arn(
                "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/pets/invocations"
            ),
            None
        );
        assert_eq!(lambda_invocation_uri_for_name("get order", [known]), None);
        assert_eq!(lambda_invocation_uri_for_name("", [known]), None);
        assert_eq!(lambda_invocation_uri_for_name(known, [known]), None);
    }

    use super::*;

    #[test]
    fn every_gateway_response_type_but_the_fallbacks_has_a_default_status() {
        assert_eq!(GATEWAY_RESPONSE_TYPES.len(), 21);
        for t in GATEWAY_RESPONSE_TYPES {
            let status = gateway_response_default_status(t);
            if t.starts_with("DEFAULT_") {
                assert_eq!(status, None, "{t}");
            } else {
                let status = status.unwrap_or_else(|| panic!("{t} has no default status"));
                assert!(crate::grammar::status_code(status), "{t}: {status}");
                // The five that fall back to DEFAULT_5XX are 5XX; the rest to DEFAULT_4XX.
                let server = [
                    "API_CONFIGURATION_ERROR",
                    "AUTHORIZER_CONFIGURATION_ERROR",
                    "AUTHORIZER_FAILURE",
                    "INTEGRATION_FAILURE",
                    "INTEGRATION_TIMEOUT",
                ];
                assert_eq!(status.starts_with('5'), server.contains(t), "{t}");
            }
        }
        assert_eq!(gateway_response_default_status("NOT_A_TYPE"), None);
    }

    #[test]
    fn what_api_gateway_fills_in_for_a_gateway_response_is_left_unset() {
        let (content_type, template) = GATEWAY_RESPONSE_DEFAULT_TEMPLATE;
        let mut filled =
            crate::model::GatewayResponse { status_code: Some("403".into()), ..Default::default() };
        filled.response_templates.insert(content_type.into(), template.into());
        unset_gateway_response_defaults("ACCESS_DENIED", &mut filled);
        assert_eq!(filled, crate::model::GatewayResponse::default());
        // Another status, a status for a type without a default, and a second template stay.
        let mut own =
            crate::model::GatewayResponse { status_code: Some("403".into()), ..Default::default() };
        own.response_templates.insert(content_type.into(), template.into());
        own.response_templates.insert("text/plain".into(), "denied".into());
        let kept = own.clone();
        unset_gateway_response_defaults("DEFAULT_4XX", &mut own);
        assert_eq!(own, kept);
    }

    const PETS: &str = "arn:aws:lambda:us-east-1:123456789012:function:pets";

    #[test]
    fn a_function_arn_becomes_its_invocation_uri() {
        let uri = lambda_invocation_uri(PETS, None).unwrap();
        assert_eq!(
            uri,
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations"
        );
        assert_eq!(uri, uri_hint("AWS_PROXY").1, "the form the URI field's example shows");
        // It is what the rules expect of a Lambda URI.
        assert!(crate::grammar::is_lambda_uri(&uri));
        assert!(crate::grammar::aws_integration_arn(&uri).is_ok());
        assert_eq!(lambda_invocation_uri(&format!("  {PETS}\n"), None), Some(uri));
    }

    #[test]
    fn aliases_versions_and_stage_variables_are_kept() {
        for qualified in [
            format!("{PETS}:prod"),
            format!("{PETS}:7"),
            format!("{PETS}:$LATEST"),
            format!("{PETS}:${{stageVariables.alias}}"),
            "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}".to_string(),
        ] {
            let uri = lambda_invocation_uri(&qualified, None).expect(&qualified);
            assert!(uri.ends_with(&format!("/functions/{qualified}/invocations")), "{uri}");
        }
    }

    #[test]
    fn other_partitions_keep_theirs() {
        assert_eq!(
            lambda_invocation_uri("arn:aws-cn:lambda:cn-north-1:123456789012:function:pets", None)
                .as_deref(),
            Some(
                "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:pets/invocations"
            )
        );
        let gov = "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:pets:live";
        assert!(
            lambda_invocation_uri(gov, None)
                .unwrap()
                .starts_with("arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/")
        );
        // A partition that does not go with the region is not an ARN Lambda gives.
        assert_eq!(
            lambda_invocation_uri("arn:aws:lambda:cn-north-1:123456789012:function:f", None),
            None
        );
        assert_eq!(
            lambda_invocation_uri("arn:aws-cn:lambda:us-east-1:123456789012:function:f", None),
            None
        );
    }

    #[test]
    fn the_uri_is_in_the_apis_region_when_it_is_known() {
        let uri = lambda_invocation_uri(PETS, Some("eu-west-1")).unwrap();
        assert!(uri.starts_with("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:"), "{uri}");
        // A hint that is no region, or in another partition, gives way to the function's.
        for hint in ["cn-north-1", "", "Europe", "eu-west"] {
            let uri = lambda_invocation_uri(PETS, Some(hint)).unwrap();
            assert!(uri.starts_with("arn:aws:apigateway:us-east-1:"), "{hint}: {uri}");
        }
    }

    #[test]
    fn anything_else_is_not_wrapped() {
        let invocation = lambda_invocation_uri(PETS, None).unwrap();
        for input in [
            invocation.as_str(),
            "",
            "pets",
            "function:pets",
            "123456789012:function:pets",
            "arn:aws:lambda:us-east-1:123456789012:layer:deps:3",
            "arn:aws:lambda:us-east-1:12345:function:pets",
            "arn:aws:lambda:us-east-1:123456789012:function:",
            "arn:aws:lambda:us-east-1:123456789012:function:pets pets",
            "arn:aws:lambda:us-east-1:123456789012:function:pets:prod:extra",
            "arn:aws:lambda::123456789012:function:pets",
            "arn:aws:states:us-east-1:123456789012:stateMachine:pets",
            "https://abc.lambda-url.us-east-1.on.aws/",
        ] {
            assert_eq!(lambda_invocation_uri(input, None), None, "{input}");
        }
    }

    #[test]
    fn regions_name_their_partition() {
        for (region, partition) in [
            ("us-east-1", Some("aws")),
            ("ap-southeast-2", Some("aws")),
            ("cn-northwest-1", Some("aws-cn")),
            ("us-gov-east-1", Some("aws-us-gov")),
            ("us-iso-east-1", Some("aws-iso")),
            ("us-isob-east-1", Some("aws-iso-b")),
            ("us-east", None),
            ("US-EAST-1", None),
            ("", None),
        ] {
            assert_eq!(partition_of_region(region), partition, "{region}");
        }
    }
}
