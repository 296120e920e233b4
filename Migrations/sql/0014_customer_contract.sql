-- Issue 12 (customers): documented fields the API keeps. A customer's company profile names
-- its organization registration number when the creation gave one; a partner's attestation of
-- the Microsoft Customer Agreement keeps the signer's phone number and the attesting user.
ALTER TABLE customers ADD COLUMN organization_registration_number TEXT;
ALTER TABLE customer_agreements ADD COLUMN signer_phone TEXT;
ALTER TABLE customer_agreements ADD COLUMN user_id TEXT;
