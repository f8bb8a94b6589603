// Request validation: Ajv without coercion or silent stripping for bodies, with coercion for query and params; strict date formats.
import { Ajv, type Options } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import { isCalendarDate, isInstant } from './formats.ts'

// ajv-formats ships CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

const base: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: true,
  strict: false
}

/** ajv-formats, with `date` and `date-time` replaced by the strict ones (leap seconds and the like are a 400, not a 500). */
function withFormats (ajv: Ajv): Ajv {
  addFormats(ajv)
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate })
  ajv.addFormat('date-time', { type: 'string', validate: isInstant })
  return ajv
}

const bodyAjv = withFormats(new Ajv({ ...base, coerceTypes: false }))
const queryAjv = withFormats(new Ajv({ ...base, coerceTypes: 'array' }))

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : queryAjv
  return ajv.compile(schema as object)
}
