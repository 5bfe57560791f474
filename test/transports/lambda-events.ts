/** API Gateway and function URL events as AWS builds them (trimmed to the fields that matter). */

const encode = (body: string, base64: boolean): string => (base64 ? Buffer.from(body, 'utf8').toString('base64') : body)

export const restEvent = (body: string, headers: Record<string, string>, base64 = false) => ({
  resource: '/firehose',
  path: '/firehose',
  httpMethod: 'POST',
  headers: { Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'Content-Type': 'application/json', ...headers },
  multiValueHeaders: Object.fromEntries(
    Object.entries({ Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'Content-Type': 'application/json', ...headers }).map(([k, v]) => [k, [v]]),
  ),
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: {
    resourceId: 'x1y2z3',
    resourcePath: '/firehose',
    httpMethod: 'POST',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    accountId: '123456789012',
    apiId: 'abc123',
    stage: 'prod',
    domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    protocol: 'HTTP/1.1',
    identity: { sourceIp: '203.0.113.7', userAgent: 'mParticle' },
    requestTimeEpoch: 1_700_000_000_000,
  },
  body: encode(body, base64),
  isBase64Encoded: base64,
})

const v2 =
  (domainName: string) =>
  (body: string, headers: Record<string, string>, base64 = false) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { host: domainName, 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'mParticle' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage: '$default',
      time: '10/Mar/2024:00:00:00 +0000',
      timeEpoch: 1_700_000_000_000,
    },
    body: encode(body, base64),
    isBase64Encoded: base64,
  })

export const httpApiEvent = v2('abc123.execute-api.us-east-1.amazonaws.com')
export const functionUrlEvent = v2('a1b2c3d4e5f6g7h8i9j0.lambda-url.us-east-1.on.aws')
