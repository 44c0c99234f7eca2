/** What a client's page links back to: the directory as it was left, filters and all (its URL search). */
export type DirectoryLinkState = { directorySearch?: string }
