// Request validation: Ajv without coercion or silent stripping for bodies, with coercion for query and params.
import { Ajv, type Options } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

const base: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: true,
  strict: false
}

const bodyAjv = addFormats(new Ajv({ ...base, coerceTypes: false }))
const queryAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }))

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : queryAjv
  return ajv.compile(schema as object)
}
