import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readTemplate, templateProblems } from './sam-template.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const templatePath = join(root, 'deploy/template.yaml')
const template = readTemplate(templatePath)
const resources = template.Resources
const quickstart = JSON.parse(readFileSync(join(root, 'examples/quickstart/package.json'), 'utf8')) as { scripts: Record<string, string> }

describe('deploy/template.yaml', () => {
  it('is a well-formed SAM template: every name, attribute and condition it uses exists', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31')
    expect(templateProblems(template)).toEqual([])
  })

  it('deploys exactly what `npm run bundle` writes', () => {
    const out = /--out (\S+)/.exec(quickstart.scripts.bundle!)?.[1] ?? 'dist/lambda'
    expect(quickstart.scripts.bundle).toMatch(/^firehose bundle src\/index\.ts\b/)
    // The scaffold keeps deploy/ beside package.json, as this repository does.
    const codeUri = resolve(dirname(templatePath), template.Globals!.Function!.CodeUri as string)
    expect(codeUri).toBe(resolve(root, out, 'function.zip'))
  })

  it("runs the entry's handler, or its ingress in queue mode, and its worker", async () => {
    expect(resources.FirehoseFunction!.Properties!.Handler).toEqual({ 'Fn::If': ['QueueMode', 'index.ingress', 'index.handler'] })
    expect(resources.WorkerFunction!.Properties!.Handler).toBe('index.worker')
    const entry = (await import('../../examples/quickstart/src/index.js')) as Record<string, unknown>
    for (const name of ['handler', 'ingress', 'worker']) expect(typeof entry[name], name).toBe('function')
  })

  it('wires queue mode: the ingress is told the queue, which redrives to the dead-letter queue; the worker reports failed records', () => {
    const env = resources.FirehoseFunction!.Properties!.Environment.Variables
    expect(env.FIREHOSE_QUEUE_URL).toEqual({ 'Fn::If': ['QueueMode', { Ref: 'FirehoseQueue' }, { Ref: 'AWS::NoValue' }] })
    expect(resources.FirehoseQueue!.Properties!.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': 'FirehoseDeadLetterQueue.Arn' })
    const mapping = resources.WorkerEventSourceMapping!.Properties!
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': 'FirehoseQueue.Arn' })
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures'])
    expect(resources.IngressSendPolicy!.Properties!.PolicyDocument.Statement[0].Action).toBe('sqs:SendMessage')
  })

  it('has the checkpoint table dynamoStore expects, named to every function and writable by both roles', () => {
    const table = resources.CheckpointTable!
    expect(table.Type).toBe('AWS::DynamoDB::Table')
    expect(table.Properties!.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }])
    expect(table.Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true })
    expect(template.Globals!.Function!.Environment.Variables.FIREHOSE_CHECKPOINT_TABLE).toEqual({ Ref: 'CheckpointTable' })
    const policy = resources.CheckpointTablePolicy!.Properties!
    expect(policy.Roles).toEqual([{ Ref: 'FirehoseFunctionRole' }, { 'Fn::If': ['QueueMode', { Ref: 'WorkerFunctionRole' }, { Ref: 'AWS::NoValue' }] }])
    expect(policy.PolicyDocument.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: { 'Fn::GetAtt': 'CheckpointTable.Arn' } })
    expect(policy.PolicyDocument.Statement[0].Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']))
  })

  it('names the tokens secret to the function and lets it read it, never resolving the value into the environment', () => {
    const text = readFileSync(templatePath, 'utf8')
    expect(text).not.toMatch(/resolve:secretsmanager/)
    const env = resources.FirehoseFunction!.Properties!.Environment.Variables
    expect(env.FIREHOSE_TOKENS).toBeUndefined()
    expect(env.FIREHOSE_TOKENS_SECRET).toEqual({ 'Fn::If': ['HasTokens', { Ref: 'TokensSecretId' }, { Ref: 'AWS::NoValue' }] })
    const read = resources.TokensSecretReadPolicy!
    expect(read.Condition).toBe('HasTokens')
    expect(read.Properties!.PolicyDocument.Statement[0].Action).toBe('secretsmanager:GetSecretValue')
  })
})
