import { readFileSync } from 'node:fs'
import { parse, type Tags } from 'yaml'

/**
 * Reads a CloudFormation/SAM template written in YAML, short-form intrinsics included (`!Ref X`
 * becomes `{ Ref: 'X' }`, `!If [...]` becomes `{ 'Fn::If': [...] }`), and checks its structure the
 * way `sam validate` would catch the usual slips: names that resolve, conditions that exist.
 */
const intrinsic = (tag: string, name: string, collection?: 'seq' | 'map') => ({
  tag: `!${tag}`,
  ...(collection ? { collection } : {}),
  resolve: (value: unknown) => ({ [name]: value !== null && typeof value === 'object' && 'toJSON' in value ? (value as { toJSON: () => unknown }).toJSON() : value }),
})
const TAGS: Tags = [
  intrinsic('Ref', 'Ref'),
  intrinsic('GetAtt', 'Fn::GetAtt'),
  intrinsic('Sub', 'Fn::Sub'),
  intrinsic('Sub', 'Fn::Sub', 'seq'),
  ...(['If', 'Not', 'Equals', 'And', 'Or', 'Join', 'Select', 'Split', 'FindInMap'] as const).map((name) => intrinsic(name, `Fn::${name}`, 'seq')),
  intrinsic('Condition', 'Condition'),
  intrinsic('ImportValue', 'Fn::ImportValue'),
  intrinsic('Base64', 'Fn::Base64'),
] as Tags

export type Template = {
  AWSTemplateFormatVersion?: string
  Transform?: string
  Parameters?: Record<string, { Type: string; Default?: unknown }>
  Conditions?: Record<string, unknown>
  Globals?: { Function?: Record<string, any> }
  Resources: Record<string, { Type: string; Condition?: string; DependsOn?: string | string[]; Properties?: Record<string, any> }>
  Outputs?: Record<string, { Value: unknown; Condition?: string }>
}

export const readTemplate = (path: string): Template => parse(readFileSync(path, 'utf8'), { customTags: TAGS }) as Template

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix', 'AWS::NotificationARNs'])

/** The names a template can refer to: parameters, resources, and what SAM generates for each function. */
export const knownNames = (template: Template): Set<string> => {
  const names = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources), ...PSEUDO])
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue
    names.add(`${name}Role`).add(`${name}Version`)
    const alias = resource.Properties?.AutoPublishAlias
    if (typeof alias === 'string') names.add(`${name}Alias${alias}`)
  }
  return names
}

/** Every problem found: an empty list for a well-formed template. */
export const templateProblems = (template: Template): string[] => {
  const problems: string[] = []
  const names = knownNames(template)
  const conditions = new Set(Object.keys(template.Conditions ?? {}))
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${where}[${i}]`))
    if (value === null || typeof value !== 'object') return
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && !names.has(String(inner))) problems.push(`${where}: !Ref ${String(inner)} names nothing`)
      if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!
        if (!names.has(target)) problems.push(`${where}: !GetAtt ${String(inner)} names nothing`)
      }
      if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? String(inner[0]) : String(inner)
        const local = Array.isArray(inner) && inner[1] ? Object.keys(inner[1] as object) : []
        for (const [, name] of text.matchAll(/\$\{([^}!]+)\}/g)) {
          const base = name!.split('.')[0]!
          if (!names.has(base) && !local.includes(base)) problems.push(`${where}: !Sub names \${${name}}, which is nothing`)
        }
      }
      if (key === 'Fn::If' && !conditions.has(String((inner as unknown[])[0]))) problems.push(`${where}: !If on unknown condition ${String((inner as unknown[])[0])}`)
      if (key === 'Condition' && typeof inner === 'string' && !conditions.has(inner)) problems.push(`${where}: unknown condition ${inner}`)
      walk(inner, `${where}.${key}`)
    }
  }
  for (const key of Object.keys(template)) {
    if (!['AWSTemplateFormatVersion', 'Transform', 'Description', 'Parameters', 'Conditions', 'Globals', 'Resources', 'Outputs', 'Metadata', 'Mappings'].includes(key))
      problems.push(`unknown top-level key ${key}`)
  }
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (!/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(resource.Type)) problems.push(`${name}: bad Type ${resource.Type}`)
    for (const dependency of [resource.DependsOn ?? []].flat()) if (!names.has(dependency)) problems.push(`${name}: DependsOn ${dependency} names nothing`)
  }
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (!['String', 'Number', 'CommaDelimitedList', 'List<Number>'].includes(parameter.Type) && !parameter.Type.startsWith('AWS::'))
      problems.push(`parameter ${name}: bad Type ${parameter.Type}`)
  }
  walk(template.Conditions, 'Conditions')
  walk(template.Globals, 'Globals')
  walk(template.Resources, 'Resources')
  walk(template.Outputs, 'Outputs')
  return problems
}
