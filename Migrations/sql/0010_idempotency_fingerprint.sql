-- Idempotent replay only for the same request (issue 10, item 7): the stored key remembers a
-- fingerprint of the request it answered (SHA-256 of the query and body, hex), so the same
-- MS-RequestId with another method, path or body is refused instead of replayed. Keys stored
-- before this migration have '' and are compared by method and path only.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
