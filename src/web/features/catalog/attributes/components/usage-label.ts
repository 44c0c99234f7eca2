/** "заполнено у 1 клиента", "у 2 клиентов", "у 21 клиента": the genitive after «у» has two forms. */
export function usageLabel(count: number) {
  if (count === 0) return 'пока не заполнено ни у кого'
  const one = count % 10 === 1 && count % 100 !== 11
  return `заполнено у ${count} ${one ? 'клиента' : 'клиентов'}`
}
