package io.keyflow.ledger;

import org.springframework.stereotype.Service;

/** Placeholder until the ledger lands: same signature. */
@Service
public class Ledger {
  public Object append(LedgerEvent event) {
    return null;
  }
}
