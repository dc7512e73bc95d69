/**
 * The one list of cfn-lint warnings this project accepts, each with its reason. cfn-lint errors
 * are never accepted. The lint test fails on a warning missing here, and on an entry here that no
 * template triggers any more (remove it then).
 */
export const CFN_LINT_ACKNOWLEDGED: Readonly<Record<string, string>> = {
  W3005:
    "CDK itself writes DependsOn from a Lambda function to its role and the role's default policy; the GetAtt of the role makes one of them redundant, which is harmless and not ours to change.",
};
