interface Grouped<T> {
  heading?: string
  items: T[]
}

/**
 * Tags under their group's name, in the catalog's order of groups, and the ungrouped ones last («Без
 * группы»). A catalog with no groups stays one plain list.
 */
export function byTagGroup<T extends { groupId: string | null }>(
  tags: T[],
  groups: { id: string; name: string }[] = [],
): Grouped<T>[] {
  const used = groups
    .map((g) => ({ heading: g.name, items: tags.filter((t) => t.groupId === g.id) }))
    .filter((g) => g.items.length > 0)
  const known = new Set(groups.map((g) => g.id))
  const rest = tags.filter((t) => t.groupId === null || !known.has(t.groupId))
  if (used.length === 0) return [{ items: rest }]
  return rest.length ? [...used, { heading: 'Без группы', items: rest }] : used
}
