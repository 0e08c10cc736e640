-- An optional https endpoint a recipient is told on, e.g. when a key it holds is confirmed compromised.
ALTER TABLE recipient ADD COLUMN webhook_url VARCHAR(2048);
