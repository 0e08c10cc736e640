-- The PKCS#11 vault's generation journal (keyflow.hsm.backend=pkcs11): one row per key id whose
-- generation reached the token, written and committed before C_GenerateKey is called. An id without
-- a row was never generated, so its first generation need not search the token for it (a find by
-- CKA_ID reads every object on SoftHSM2); an id with a row is searched first, so a retry after a
-- crash returns the key the crashed attempt made instead of making a second one.
CREATE TABLE pkcs11_generation_attempt (
    key_id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    first_attempt   TIMESTAMP WITH TIME ZONE NOT NULL
);
