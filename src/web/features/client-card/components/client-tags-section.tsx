import { TagRow } from './tag-row'

// Alt+N: N is the key labelled «Т» (тег) on the Russian layout. Alt+T would be Firefox's "Tools" menu
// on Windows and Linux; Alt+N opens no browser menu and types nothing in the composer.
const sessionPickerShortcut = { code: 'KeyN', label: 'Alt+N', hint: 'на русской раскладке Alt+Т' }
// Alt+R: the key labelled «К» (клиент) on the Russian layout.
const clientPickerShortcut = { code: 'KeyR', label: 'Alt+R', hint: 'на русской раскладке Alt+К' }

/**
 * "Теги клиента" follow the client into every dialogue; "Теги сессии" belong to the dialogue open next
 * to the card, so they show only there (`currentSessionId`), not on the client's page.
 */
export function ClientTagsSection({ clientId, currentSessionId }: { clientId: string; currentSessionId?: string }) {
  return (
    <div className="space-y-3">
      <TagRow
        owner={{ kind: 'client', id: clientId, lineSessionId: currentSessionId }}
        label="Теги клиента"
        shortcut={clientPickerShortcut}
      />
      {currentSessionId && (
        <TagRow
          owner={{ kind: 'session', id: currentSessionId }}
          label="Теги сессии"
          shortcut={sessionPickerShortcut}
        />
      )}
    </div>
  )
}
