// The questions module's public surface: what other modules may use.
export { findQuestion, type QuestionRow } from './repository.ts'
export { questionsCloseAt, questionsOpen } from './service.ts'
