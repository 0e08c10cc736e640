/**
 * The ledger's schema: what each {@link io.keyflow.ledger.LedgerAction} records in an entry's
 * {@code details}, as one record type per action (or per family of actions that record exactly the
 * same facts, such as every officer decision).
 *
 * <p>A record component's name is the detail's key in the stored JSON, which is hashed into the
 * chain. So a component may be added (older entries read it back as null) but never renamed or
 * given another JSON type: entries already in the ledger must keep reading back through the same
 * record. Values are facts only — ids, labels, KCVs, names, times — never key material.
 *
 * <p>Identifiers (key, version, package, recipient ids) are kept as their text, as {@link
 * io.keyflow.ledger.LedgerEntry} keeps its own: a reader of the whole ledger still reads the other
 * facts of a row whose id was altered, and the verifier reports the alteration.
 */
@NamedInterface("details")
package io.keyflow.ledger.details;

import org.springframework.modulith.NamedInterface;
