-- Issue 13 (Entra ID-compatible sign-in): the directory the token endpoints authenticate against.
-- Principals get a user name (UPN) and a password for the password grant; NULL for principals
-- loaded before this migration (they sign in again once the world is seeded anew).
ALTER TABLE principals ADD COLUMN user_name TEXT;
ALTER TABLE principals ADD COLUMN password TEXT;
CREATE UNIQUE INDEX principals_user_name ON principals (user_name COLLATE NOCASE) WHERE user_name IS NOT NULL;

-- App registrations: a client id and secret of a partner tenant, the roles its app-only tokens
-- carry, and its service principal's object id (the oid of those tokens). public_client is
-- Entra's "Allow public client flows": the password and refresh grants then need no secret.
CREATE TABLE app_registrations (
    client_id     TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    secret        TEXT NOT NULL,
    roles         TEXT NOT NULL,   -- comma-separated
    object_id     TEXT NOT NULL UNIQUE,
    public_client INTEGER NOT NULL DEFAULT 0 CHECK (public_client IN (0, 1)),
    created_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX app_registrations_tenant ON app_registrations (tenant_id);

-- Refresh tokens of the password and refresh grants, by the SHA-256 of their text (the text
-- itself is never stored). Bound to the client, the user and the tenant; expires_at is
-- wall-clock seconds, like access tokens.
CREATE TABLE refresh_tokens (
    token_hash  TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    tenant_id   TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_binding ON refresh_tokens (client_id, user_name, issued_at);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);
