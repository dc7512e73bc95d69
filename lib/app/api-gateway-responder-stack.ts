/** The standalone app's stack: one ApiGatewayResponder from the config file. */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ApiGatewayResponderConfig } from '../config/config';
import { ApiGatewayResponder } from '../responder/api-gateway-responder';

export interface ApiGatewayResponderStackProps extends StackProps {
  readonly config: ApiGatewayResponderConfig;
}

export class ApiGatewayResponderStack extends Stack {
  readonly responder: ApiGatewayResponder;

  constructor(scope: Construct, id: string, props: ApiGatewayResponderStackProps) {
    super(scope, id, props);
    this.responder = new ApiGatewayResponder(this, 'Responder', props.config);
  }
}
