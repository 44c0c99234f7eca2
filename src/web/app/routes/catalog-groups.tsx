import { GroupCatalog } from '@/features/catalog/groups/components/group-catalog'

export const CatalogGroupsPage = () => <GroupCatalog />
