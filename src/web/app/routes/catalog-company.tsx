import { CompanySettings } from '@/features/catalog/company/components/company-settings'

export const CatalogCompanyPage = () => <CompanySettings />
