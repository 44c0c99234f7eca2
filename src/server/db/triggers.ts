import {
  attributeHistory,
  attributeValues,
  clientFieldHistory,
  clients,
  clientTagHistory,
  sessionTags,
  users,
} from './schema'

/**
 * The rules the database keeps by itself, every one of them. Each trigger is created by the migration
 * named here; test/server/triggers.test.ts checks that the database has exactly these triggers and that
 * each keeps its rule. A new trigger is added to a migration and to this list, or the test fails.
 *
 * Why triggers: every writer of history (the card, merge, import, bulk edit, undo, option renames) keeps
 * the review queue and the card-quality figures without knowing of them, one pass per statement; every writer
 * of clients keeps the duplicates page's keys the same way.
 */
export const databaseTriggers = [
  // Review queue (table review_pending, migration 0009).
  {
    name: 'attribute_history_review_pending',
    table: attributeHistory,
    migration: '0009',
    rule: 'a parameter change marks the card for every other supervisor and admin of the company (not catalog renames)',
  },
  {
    name: 'client_tag_history_review_pending',
    table: clientTagHistory,
    migration: '0009',
    rule: 'a client tag put on or taken off marks the card the same way',
  },
  {
    name: 'client_field_history_review_pending',
    table: clientFieldHistory,
    migration: '0009',
    rule: 'a change of name, phone, e-mail or external ID marks the card the same way',
  },
  {
    name: 'users_review_pending',
    table: users,
    migration: '0009',
    rule: 'becoming a supervisor or admin fills the queue with the last 30 days; becoming an operator empties it',
  },
  // Card quality figures (migration 0021).
  {
    name: 'attribute_values_fill_insert',
    table: attributeValues,
    migration: '0021',
    rule: 'attribute_fill counts the clients with a value of each parameter: new values add',
  },
  {
    name: 'attribute_values_fill_update',
    table: attributeValues,
    migration: '0021',
    rule: 'a value cleared subtracts, a cleared value set again adds',
  },
  {
    name: 'attribute_values_fill_delete',
    table: attributeValues,
    migration: '0021',
    rule: 'values deleted (a merge, an undone import) subtract',
  },
  {
    name: 'attribute_history_daily',
    table: attributeHistory,
    migration: '0021',
    rule: 'card_changes_daily counts parameter changes per company, day (its time zone) and author',
  },
  {
    name: 'client_tag_history_daily',
    table: clientTagHistory,
    migration: '0021',
    rule: 'client tag changes count in card_changes_daily too',
  },
  {
    name: 'client_field_history_daily',
    table: clientFieldHistory,
    migration: '0021',
    rule: 'field changes count in card_changes_daily too',
  },
  {
    name: 'client_tag_history_use',
    table: clientTagHistory,
    migration: '0021',
    rule: 'tag_use_daily counts client tags put on, per tag and day',
  },
  {
    name: 'session_tags_use',
    table: sessionTags,
    migration: '0021',
    rule: 'tag_use_daily counts session tags put on, per tag and day',
  },
  // Keys that clients share, for the duplicates page (table duplicate_keys, migration 0032).
  {
    name: 'clients_duplicate_keys_insert',
    table: clients,
    migration: '0032',
    rule: 'duplicate_keys counts the clients of each phone (last 10 digits) and e-mail (any case): new clients add',
  },
  {
    name: 'clients_duplicate_keys_update',
    table: clients,
    migration: '0032',
    rule: 'a phone or e-mail changed or cleared moves the client from its old key to its new one',
  },
  {
    name: 'clients_duplicate_keys_delete',
    table: clients,
    migration: '0032',
    rule: 'clients deleted (a merge, an undone import) subtract; a key no client has goes',
  },
  // Clients per company, for card quality (table client_counts, migration 0039).
  {
    name: 'clients_count_insert',
    table: clients,
    migration: '0039',
    rule: 'client_counts adds up the clients of each company: new clients append their number',
  },
  {
    name: 'clients_count_delete',
    table: clients,
    migration: '0039',
    rule: 'clients deleted (a merge, an undone import) append theirs negative; a deleted company appends nothing',
  },
  // Each parameter's distinct values, for the keyword search (table attribute_value_texts, migration 0041).
  {
    name: 'attribute_values_texts_insert',
    table: attributeValues,
    migration: '0041',
    rule: 'attribute_value_texts holds each text a parameter has: new values add theirs, once',
  },
  {
    name: 'attribute_values_texts_update',
    table: attributeValues,
    migration: '0041',
    rule: 'a value changed adds its new text',
  },
] as const

export type DatabaseTrigger = (typeof databaseTriggers)[number]['name']
