-- Time-boxed decrypt-only exceptions for compromised key versions (data recovery), granted by a
-- security officer in the KeyDecryptException process. No key material here.

CREATE TABLE decrypt_exception (
    id                  VARCHAR(36)  PRIMARY KEY,
    key_id              VARCHAR(36)  NOT NULL REFERENCES managed_key (id),
    version_id          VARCHAR(36)  NOT NULL REFERENCES key_version (id),
    process_instance_id VARCHAR(64)  NOT NULL,
    requested_by        VARCHAR(128) NOT NULL,
    approved_by         VARCHAR(300) NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_decrypt_exception_instance UNIQUE (process_instance_id)
);

CREATE INDEX ix_decrypt_exception_version ON decrypt_exception (version_id, closed_at);
