-- Keyflow's key inventory: managed keys and their versions. No column holds key material: the
-- material stays in the vault (HSM or encrypted software vault), addressed by the version's UUID.

CREATE TABLE managed_key (
    id                  VARCHAR(36)  PRIMARY KEY,
    alias               VARCHAR(64)  NOT NULL,
    purpose             VARCHAR(32)  NOT NULL,
    algorithm           VARCHAR(16)  NOT NULL,
    owner               VARCHAR(128) NOT NULL,
    exportable          BOOLEAN      NOT NULL,
    encrypt_period_days INTEGER      NOT NULL,
    retention_days      INTEGER      NOT NULL,
    justification       VARCHAR(2000),
    primary_version_id  VARCHAR(36),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_managed_key_alias UNIQUE (alias)
);

CREATE TABLE key_version (
    id                    VARCHAR(36)  PRIMARY KEY,
    key_id                VARCHAR(36)  NOT NULL REFERENCES managed_key (id),
    version_number        INTEGER      NOT NULL,
    state                 VARCHAR(32)  NOT NULL,
    vault_backend         VARCHAR(16)  NOT NULL,
    hsm_label             VARCHAR(128) NOT NULL,
    hsm_key_id            VARCHAR(36)  NOT NULL,
    kcv                   VARCHAR(64)  NOT NULL,
    cka_local             BOOLEAN      NOT NULL,
    cka_sensitive         BOOLEAN      NOT NULL,
    cka_always_sensitive  BOOLEAN      NOT NULL,
    cka_extractable       BOOLEAN      NOT NULL,
    cka_never_extractable BOOLEAN      NOT NULL,
    key_gen_mechanism     VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at          TIMESTAMP WITH TIME ZONE,
    protect_stop_at       TIMESTAMP WITH TIME ZONE,
    deactivated_at        TIMESTAMP WITH TIME ZONE,
    retain_until          TIMESTAMP WITH TIME ZONE,
    destroyed_at          TIMESTAMP WITH TIME ZONE,
    compromised_at        TIMESTAMP WITH TIME ZONE,
    requested_by          VARCHAR(128) NOT NULL,
    approved_by           VARCHAR(300) NOT NULL,
    process_instance_id   VARCHAR(64),
    CONSTRAINT uk_key_version_number UNIQUE (key_id, version_number)
);

CREATE INDEX ix_key_version_state ON key_version (state);
