// Front door of the cards module. A client's card: its fields, parameter values and tags, read and written, with who may see and change what.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { attributeNotFound, canEditSql, sees, visibleRoles, visibleTo } from './access'
export {
  assertCardOpen,
  assertOpen,
  clientByExternalId,
  clientNotFound,
  companyClientCount,
  createClient,
  getClient,
  lockClientForWrite,
  resolveClientId,
  storedPhone,
  updateClient,
  withTags,
} from './client-repo'
export type { ClientRow } from './client-repo'
export { renamedOptions, rewriteStoredOptions } from './option-renames'
export { carriesAllClientTags, tagNames, tagsJson } from './tag-links'
export { cardSql, listAttributeHistory, listClientAttributes, setClientAttribute } from './values-repo'
export { writeCardChanges } from './card-write'
export { fieldWriteSql, oneValueWriteQuery, openCard, tagWriteSql, valueWriteSql } from './card-write-sql'
export type { CardChanges, CardEvent, TagChange } from './card-write'
export type { SetValue } from './values-repo'
