-- The offer catalog of spec/domain.md, with a unit price so credits can be computed.
INSERT INTO offers (id, name, product_type, description, is_microsoft, is_addon, base_offer_id, billing_model, billing_cycles, term_durations, unit_price, currency) VALUES
    ('MS-AZR-0145P', 'Azure in CSP', 'AzureLegacy', 'Azure pay-as-you-go (legacy)', 1, 0, NULL, 'usage', 'monthly', '', 0, 'USD'),
    ('DZH318Z0BPS6:0001', 'Azure plan', 'AzureSubscription', 'Azure plan (new commerce)', 1, 0, NULL, 'usage', 'monthly', '', 0, 'USD'),
    ('DZH318Z0BQ4T:0001', 'Azure reserved VM instance', 'AzureReservation', 'Azure reservation', 1, 0, NULL, 'term', 'monthly,annual,none', 'P1Y,P3Y', 1200, 'USD'),
    ('796B6B5F-613C-4E24-A17C-EBA730D49C02', 'Microsoft 365 E3', 'OnlineServices', 'Microsoft 365 E3 (legacy license)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 32, 'USD'),
    ('3B7A2C4E-5D6F-4A8B-9C0D-1E2F3A4B5C6D', 'Office 365 Extra File Storage', 'OnlineServices', 'Add-on of Microsoft 365 E3: extra file storage', 1, 1, '796B6B5F-613C-4E24-A17C-EBA730D49C02', 'license', 'monthly,annual', 'P1M,P1Y', 0.2, 'USD'),
    ('A4E5F6B7-C8D9-4E0F-8A1B-2C3D4E5F6A7B', 'Dynamics 365 Sales Professional', 'OnlineServices', 'Dynamics 365 (legacy license)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 65, 'USD'),
    ('B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E', 'Microsoft Intune', 'OnlineServices', 'Intune (legacy license)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 8, 'USD'),
    ('CFQ7TTC0LH18:0001', 'Microsoft 365 Business Basic', 'OnlineServicesNCE', 'Microsoft 365 Business Basic (new commerce)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 6, 'USD'),
    ('CFQ7TTC0LF8Q:0001', 'Microsoft 365 Business Premium', 'OnlineServicesNCE', 'Microsoft 365 Business Premium (new commerce)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 22, 'USD'),
    ('DZH318Z0BXWC:0001', 'Contoso SaaS Analytics', 'SaaS', 'Third-party SaaS offer (marketplace)', 0, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 15, 'USD'),
    ('DG7GMGF0DVT2:0001', 'Windows Server 2022 Standard', 'Software', 'Perpetual software', 1, 0, NULL, 'perpetual', 'none', '', 1000, 'USD'),
    ('DG7GMGF0FKZV:0003', 'SQL Server 2022 Standard (3 years)', 'Software', 'Term software', 1, 0, NULL, 'term', 'none', 'P3Y', 2600, 'USD');
