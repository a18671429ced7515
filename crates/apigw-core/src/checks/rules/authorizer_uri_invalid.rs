//! Rule: authorizer-uri-invalid.

use super::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "AG531",
    name: "authorizer-uri-invalid",
    phase: Phase::Call,
    aws_message: Some(
        "Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.",
    ),
    summary: "A TOKEN or REQUEST authorizer's `authorizerUri` is the Lambda function's invocation ARN, `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations`, not the function's own ARN.",
    fix: "Set authorizerUri to arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations.",
    check: Check::Api(check),
};

/// Why the rule holds and where that comes from, for its documentation only (the app
/// never links it).
pub(crate) static DOC: Doc = Doc {
    rule: &RULE,
    why: "CreateAuthorizer accepts only an API Gateway ARN that invokes the function; the function's own ARN (`arn:aws:lambda:…:function:name`), which the Lambda console shows, is refused.",
    source: "API Reference, CreateAuthorizer > authorizerUri (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html): \"For TOKEN or REQUEST authorizers, this must be a well-formed Lambda function URI, for example, arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:{account_id}:function:{lambda_function_name}/invocations. In general, the URI has this form arn:aws:apigateway:{region}:lambda:path/{service_api}, where {region} is the same as the region hosting the Lambda function, path indicates that the remaining substring in the URI should be treated as the path to the resource, including the initial /. For Lambda functions, this is usually of the form /2015-03-31/functions/[FunctionARN]/invocations.\" AWS's error: \"Invalid Authorizer URI: arn:aws:lambda:… Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.\" (https://github.com/hashicorp/terraform-provider-aws/pull/1757)",
};

fn check(design: &Design, sink: &mut Sink<'_>) {
    for (name, authorizer) in &design.authorizers {
        if !matches!(authorizer.authorizer_type.as_str(), "TOKEN" | "REQUEST") {
            continue;
        }
        let uri = authorizer.authorizer_uri.as_deref().unwrap_or("");
        // An empty URI is authorizer-uri-required's.
        if uri.trim().is_empty() || is_invocation_arn(uri) {
            continue;
        }
        let target = Target::field(Owner::Authorizer { name: name.clone() }, Field::AuthorizerUri);
        match facts::lambda_invocation_uri(uri, None) {
            Some(invocation) => sink.report_fix(
                target,
                format!("`{uri}` is the Lambda function's own ARN, not the ARN that invokes it"),
                format!("Set authorizerUri to {invocation}."),
            ),
            None => sink.report(target, format!("`{uri}` is not a Lambda function invocation ARN")),
        }
    }
}

/// `arn:{partition}:apigateway:{region}:lambda:path/{api-version}/functions/{function}/invocations`.
fn is_invocation_arn(uri: &str) -> bool {
    let Ok(arn) = grammar::aws_integration_arn(uri) else { return false };
    let (parts, _) = grammar::fields::<6>(uri, b':');
    arn.service == "lambda"
        && arn.kind == "path"
        && parts[5]
            .split_once("/functions/")
            .and_then(|(_, function)| function.strip_suffix("/invocations"))
            .is_some_and(|function| !function.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Authorizer;

    fn fixes(uri: &str) -> Vec<String> {
        let mut design = Design::default();
        let authorizer = Authorizer {
            authorizer_type: "TOKEN".into(),
            authorizer_uri: Some(uri.into()),
            identity_source: Some("method.request.header.Authorization".into()),
            ..Default::default()
        };
        design.authorizers.insert("A".into(), authorizer);
        super::super::validate_with(&design, &[&RULE]).into_iter().map(|d| d.fix).collect()
    }

    #[test]
    fn a_function_arn_gets_its_invocation_arn_as_the_fix() {
        assert_eq!(
            fixes("arn:aws:lambda:eu-west-1:123456789012:function:auth:live"),
            [
                "Set authorizerUri to arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth:live/invocations."
            ]
        );
        assert_eq!(fixes("auth"), [RULE.fix]);
        assert!(fixes("arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:a/invocations").is_empty());
        assert_eq!(
            fixes("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations")
                .len(),
            1
        );
        assert_eq!(fixes("arn:aws:apigateway:us-east-1:s3:path/bucket/key").len(), 1);
    }
}
