// Response schemas as fast-json-stringify serializes them fastest: nullable values and string literal unions without a validator.
type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions'])

/** A branch that is only a string constant or a string enum (TypeBox's Literal and its unions), apart from annotations. */
function stringChoices (branch: Schema): string[] | undefined {
  if (typeof branch['const'] === 'string') return [branch['const']]
  if (branch['type'] === 'string' && Array.isArray(branch['enum']) && branch['enum'].every((v) => typeof v === 'string')) return branch['enum']
  return undefined
}

const isNull = (branch: Schema) => branch['type'] === 'null'

/** One typed, non-composite schema (a string with its format, an integer, an object with its properties…). */
const isPlainTyped = (branch: Schema) =>
  typeof branch['type'] === 'string' && branch['type'] !== 'null' && !('anyOf' in branch) && !('oneOf' in branch) && !('$ref' in branch)

/**
 * fast-json-stringify serializes an `anyOf` by running the JSON-schema validator on each branch until one matches,
 * for every value of every response (a 20-order page ran about 200 validations, date-time formats included). Two
 * shapes are rewritten, which serialize the same valid values to the same text:
 * - `anyOf: [S, {type: 'null'}]` (TypeBox `Union([S, Null()])`) as S with `type: [S.type, 'null']`;
 * - `anyOf` of string constants (a union of literals) as `{type: 'string', enum}`.
 * Anything else (a `$ref` branch, several typed branches) is left to the validator. Validation of requests is untouched:
 * this only feeds the serializer compiler.
 */
export function forSerializer (schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerializer)
  if (!isSchema(schema)) return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] = SCHEMA_MAPS.has(key) && isSchema(value)
      ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, forSerializer(sub)]))
      : forSerializer(value)
  }
  const branches = out['anyOf']
  if (!Array.isArray(branches) || !branches.every(isSchema)) return out
  const { anyOf: _, ...siblings } = out
  const choices = branches.map(stringChoices)
  if (choices.every((c) => c !== undefined)) return { ...siblings, type: 'string', enum: choices.flat() }
  const typed = branches.filter((b) => !isNull(b))
  if (branches.length === 2 && typed.length === 1 && isPlainTyped(typed[0]!)) {
    return { ...siblings, ...typed[0], type: [typed[0]!['type'], 'null'] }
  }
  return out
}
