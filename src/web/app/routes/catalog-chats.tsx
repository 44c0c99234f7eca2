import { ChatCatalog } from '@/features/catalog/chats/components/chat-catalog'

export const CatalogChatsPage = () => <ChatCatalog />
