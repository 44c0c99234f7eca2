import { Dialog, DialogContent } from '@/components/ui/dialog'

const shortcuts: [string, string][] = [
  ['Alt+B', 'взять диалог себе'],
  ['Alt+K', 'карточка клиента поверх диалога (на узком экране)'],
  ['Alt+G', 'добавить параметр в карточку'],
  ['Alt+R', 'теги клиента'],
  ['Alt+N', 'теги сессии'],
  ['Alt+M', 'новая заметка'],
  ['Alt+T', 'шаблоны ответов (в поле ответа; или «/» в его начале)'],
  ['Enter', 'отправить ответ; Shift+Enter — новая строка'],
  ['Esc', 'закрыть окно или отменить правку'],
  ['?', 'эта подсказка'],
]

/** The list of keys; loaded when first asked for, so the first screen does not carry the dialog. */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Клавиши"
        description="Alt-клавиши работают и на русской раскладке: Alt+Л, Alt+П, Alt+К, Alt+Т, Alt+Ь, Alt+Е."
      >
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          {shortcuts.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd className="text-slate-700">{what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  )
}
