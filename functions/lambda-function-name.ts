/**
 * A Lambda function's name from any way it is named: the bare name, a name with a version or alias
 * qualifier ("orders:live"), a full or partial ARN ("123456789012:function:orders:live"). Lambda
 * names cannot contain ':', so the name is what comes before the qualifier.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
export function lambdaFunctionName(nameOrArn: string): string {
  const fromArn = /function:([A-Za-z0-9_-]{1,64})/.exec(nameOrArn)?.[1];
  return fromArn ?? nameOrArn.split(':')[0] ?? nameOrArn;
}

/**
 * The function name in a Lambda integration or authorizer URI:
 * "arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:a:function:NAME[:q]/invocations"
 * or, for HTTP APIs, the function ARN itself.
 */
export function lambdaFunctionOf(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const match = /:function:([A-Za-z0-9_${}.-]+)/.exec(uri);
  return match?.[1];
}
