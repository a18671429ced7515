//! The one name of each field of a design: what an edit sets, what a diagnostic points at,
//! what the importers read and what a form shows, all say it with a [`Field`].
//!
//! A field is named apart from whose it is: the integration's `requestParameters` and the
//! method's are one `Field::RequestParameters`, told apart by the owner (a method or its
//! integration) that an edit or a diagnostic names beside it. Its name is the design document's
//! spelling, which is API Gateway's own; [`Field::wire`] gives the API's spelling where it
//! differs (`integrationHttpMethod` is `httpMethod` there).

use serde::{Deserialize, Serialize};

macro_rules! fields {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A field of an API, authorizer, request validator, model, gateway response, stage, resource,
        /// method, method response, integration or integration response; or of an imported
        /// file or plan call.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum Field {
            $($(#[$doc])* $variant,)*
        }

        impl Field {
            /// Every field.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            /// The design document's name of the field (API Gateway's spelling).
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }
        }
    };
}

fields! {
    // The API's settings.
    Name = "name",
    Description = "description",
    EndpointType = "endpointType",
    RestApiId = "restApiId",
    ApiKeySource = "apiKeySource",
    BinaryMediaTypes = "binaryMediaTypes",
    /// The API's collections, for what is said of them as a whole (quotas).
    Resources = "resources",
    Authorizers = "authorizers",
    RequestValidators = "requestValidators",
    Models = "models",
    GatewayResponses = "gatewayResponses",
    Stages = "stages",
    // An authorizer's (`Type` is also an integration's).
    Type = "type",
    ProviderArns = "providerARNs",
    AuthType = "authType",
    AuthorizerUri = "authorizerUri",
    AuthorizerCredentials = "authorizerCredentials",
    IdentitySource = "identitySource",
    IdentityValidationExpression = "identityValidationExpression",
    AuthorizerResultTtlInSeconds = "authorizerResultTtlInSeconds",
    // A request validator's.
    ValidateRequestBody = "validateRequestBody",
    ValidateRequestParameters = "validateRequestParameters",
    // A model's (`Description` is also one).
    ContentType = "contentType",
    Schema = "schema",
    // A resource's.
    Methods = "methods",
    // A method's (`RequestParameters` is also an integration's).
    AuthorizationType = "authorizationType",
    Authorizer = "authorizer",
    ApiKeyRequired = "apiKeyRequired",
    OperationName = "operationName",
    RequestParameters = "requestParameters",
    RequestModels = "requestModels",
    RequestValidator = "requestValidator",
    AuthorizationScopes = "authorizationScopes",
    MethodResponses = "methodResponses",
    Integration = "integration",
    // A method response's (`ResponseParameters` is also an integration response's).
    ResponseParameters = "responseParameters",
    ResponseModels = "responseModels",
    // An integration's (`ContentHandling` is also an integration response's).
    IntegrationHttpMethod = "integrationHttpMethod",
    Uri = "uri",
    ConnectionType = "connectionType",
    ConnectionId = "connectionId",
    Credentials = "credentials",
    RequestTemplates = "requestTemplates",
    PassthroughBehavior = "passthroughBehavior",
    CacheNamespace = "cacheNamespace",
    CacheKeyParameters = "cacheKeyParameters",
    ContentHandling = "contentHandling",
    TimeoutInMillis = "timeoutInMillis",
    TlsConfig = "tlsConfig",
    InsecureSkipVerification = "insecureSkipVerification",
    ResponseTransferMode = "responseTransferMode",
    IntegrationTarget = "integrationTarget",
    IntegrationResponses = "integrationResponses",
    // An integration response's (`ResponseTemplates` is also a gateway response's).
    SelectionPattern = "selectionPattern",
    ResponseTemplates = "responseTemplates",
    // A gateway response's (`ResponseParameters` and `ResponseTemplates` are also ones).
    StatusCode = "statusCode",
    // A stage's (`Description` is also one).
    Variables = "variables",
    /// A place in an imported file itself: the target's key is a JSON Pointer into the file.
    File = "file",
    // A call of an imported plan.
    Operation = "operation",
    Params = "params",
}

impl Field {
    /// The field of that design-document name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The name API Gateway's wire form and get-resources output give the field, where it
    /// differs from the design's: the integration's verb is `httpMethod`, and a method names
    /// its authorizer and validator by id.
    pub fn wire(self) -> &'static str {
        match self {
            Field::IntegrationHttpMethod => "httpMethod",
            Field::Authorizer => "authorizerId",
            Field::RequestValidator => "requestValidatorId",
            other => other.name(),
        }
    }

    /// The name boto3's parameters (a plan's calls) give the field: a method names its
    /// authorizer and validator by id there too.
    pub fn boto3(self) -> &'static str {
        match self {
            Field::Authorizer => "authorizerId",
            Field::RequestValidator => "requestValidatorId",
            other => other.name(),
        }
    }

    /// Whether the field is a list, whose items a diagnostic names by value, not by key (the
    /// JSON Pointer stops at the field).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::AuthorizationScopes
                | Field::CacheKeyParameters
                | Field::ProviderArns
                | Field::BinaryMediaTypes
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        for field in Field::ALL {
            assert_eq!(Field::from_name(field.name()), Some(*field), "{field:?}");
        }
        let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a name is given twice");
    }
}
