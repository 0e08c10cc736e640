-- The software key vault (keyflow.hsm.backend=software). Binary values are base64 text so one
-- script runs on H2 (MODE=LEGACY) and PostgreSQL 15 alike. Key material is only ever stored
-- AES-256-GCM-encrypted under the master key; the master key itself is never stored.

-- One row (id = 1): how the master key is derived from the operator's secret, and a verifier
-- that tells a wrong secret at start-up instead of at the first decryption.
CREATE TABLE software_vault_master (
    id                INTEGER      NOT NULL PRIMARY KEY,
    kdf               VARCHAR(32)  NOT NULL,
    salt              VARCHAR(64)  NOT NULL,
    memory_kib        INTEGER      NOT NULL,
    iterations        INTEGER      NOT NULL,
    parallelism       INTEGER      NOT NULL,
    verifier_iv       VARCHAR(32)  NOT NULL,
    verifier          VARCHAR(128) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per key. The GCM AAD of the material binds id, algorithm and exportable flag, so rows
-- cannot be swapped and a key cannot be made exportable by editing the table.
CREATE TABLE software_vault_key (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    label             VARCHAR(128)  NOT NULL,
    algorithm         VARCHAR(16)   NOT NULL,
    exportable        BOOLEAN       NOT NULL,
    material_iv       VARCHAR(32)   NOT NULL,
    material          VARCHAR(8192) NOT NULL,
    public_key        VARCHAR(2048),
    kcv               VARCHAR(6)    NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
