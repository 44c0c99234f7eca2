import { ChatCatalog } from '@/features/catalog/chats/components/chat-catalog'
import { ChannelSecret, ChatCallbacksLog } from '@/features/webhooks/components/channel-callbacks'

export const CatalogChatsPage = () => (
  <ChatCatalog signing={<ChannelSecret />} callbacksLog={(chatId) => <ChatCallbacksLog chatId={chatId} />} />
)
