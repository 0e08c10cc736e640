-- Key distribution (OP-PROC-001 4.2) and storage attestation (4.3). Portable between H2
-- (MODE=LEGACY) and PostgreSQL 15. No column holds key material in plaintext: a package holds the
-- key wrapped under the recipient's public key or KEK, and only until it is picked up or expires.

-- Every key belongs to an environment; keys that existed before are production keys.
ALTER TABLE managed_key ADD COLUMN environment VARCHAR(16) DEFAULT 'PRODUCTION' NOT NULL;

-- Recipient systems that may receive keys: the client certificate they present over mutual TLS
-- (pinned by its SHA-256 fingerprint) and the key a package is wrapped under for them.
CREATE TABLE recipient (
    id                     VARCHAR(36)    PRIMARY KEY,
    name                   VARCHAR(64)    NOT NULL,
    environment            VARCHAR(16)    NOT NULL,
    certificate_pem        VARCHAR(16384) NOT NULL,
    certificate_sha256     CHAR(64)       NOT NULL,
    certificate_subject    VARCHAR(1024)  NOT NULL,
    certificate_not_before TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate_not_after  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- RSA public key (X.509 SubjectPublicKeyInfo PEM) for RSA-OAEP; null for a KEK-only recipient
    wrapping_key_pem       VARCHAR(4096),
    wrapping_key_bits      INTEGER,
    wrapping_key_sha256    CHAR(64),
    -- alias of a KEY_WRAPPING AES-256 key in Keyflow's vault shared with a recipient HSM (AES-KWP)
    kek_alias              VARCHAR(64),
    state                  VARCHAR(16)    NOT NULL,
    registered_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_by          VARCHAR(128)   NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE,
    updated_by             VARCHAR(128),
    revoked_at             TIMESTAMP WITH TIME ZONE,
    revoked_by             VARCHAR(128),
    revocation_reason      VARCHAR(2000),
    CONSTRAINT uk_recipient_name UNIQUE (name),
    CONSTRAINT uk_recipient_certificate UNIQUE (certificate_sha256)
);

-- One wrapped key version for one recipient, held for pickup until expires_at. wrapped_key is the
-- base64 of the wrapped bytes (useless without the recipient's private key or KEK); it is erased
-- when the package is picked up or expires, the metadata and the receipt are kept.
CREATE TABLE distribution_package (
    id                      VARCHAR(36)   PRIMARY KEY,
    key_id                  VARCHAR(36)   NOT NULL REFERENCES managed_key (id),
    key_alias               VARCHAR(64)   NOT NULL,
    version_id              VARCHAR(36)   NOT NULL REFERENCES key_version (id),
    version_number          INTEGER       NOT NULL,
    algorithm               VARCHAR(16)   NOT NULL,
    kcv                     VARCHAR(64)   NOT NULL,
    recipient_id            VARCHAR(36)   NOT NULL REFERENCES recipient (id),
    recipient_name          VARCHAR(64)   NOT NULL,
    mechanism               VARCHAR(32)   NOT NULL,
    oaep_hash               VARCHAR(16),
    oaep_mgf                VARCHAR(16),
    wrapping_key_sha256     CHAR(64),
    kek_alias               VARCHAR(64),
    kek_version_id          VARCHAR(36),
    kek_kcv                 VARCHAR(64),
    wrapped_key             VARCHAR(4096),
    state                   VARCHAR(16)   NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    picked_up_at            TIMESTAMP WITH TIME ZONE,
    tls_protocol            VARCHAR(32),
    tls_cipher_suite        VARCHAR(128),
    peer_certificate_sha256 CHAR(64),
    expired_at              TIMESTAMP WITH TIME ZONE,
    requested_by            VARCHAR(128)  NOT NULL,
    approved_by             VARCHAR(300)  NOT NULL,
    process_instance_id     VARCHAR(64)
);

CREATE INDEX ix_distribution_package_version ON distribution_package (version_id, state);
CREATE INDEX ix_distribution_package_recipient ON distribution_package (recipient_id, state);

-- One reconciliation of the vault against the inventory and its attestation by an officer. The
-- findings are kept in their canonical JSON form; findings_sha256 is the digest the ledger records.
CREATE TABLE storage_attestation (
    id                  VARCHAR(36)   PRIMARY KEY,
    process_instance_id VARCHAR(64),
    requested_by        VARCHAR(128)  NOT NULL,
    vault_backend       VARCHAR(16)   NOT NULL,
    reconciled_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    findings            TEXT          NOT NULL,
    findings_sha256     CHAR(64)      NOT NULL,
    finding_count       INTEGER       NOT NULL,
    drift_count         INTEGER       NOT NULL,
    attested_by         VARCHAR(128),
    attested_at         TIMESTAMP WITH TIME ZONE,
    attestation_comment VARCHAR(2000)
);
