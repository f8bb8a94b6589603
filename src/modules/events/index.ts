// The events module's public surface: what other modules may use.
export { recordEvent } from './recorder.ts'
