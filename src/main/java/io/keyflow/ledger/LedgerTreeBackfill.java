package io.keyflow.ledger;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, integrates into the Merkle tree every entry written before it existed (a ledger from
 * before migration V18), so existing ledgers get proofs without a manual step. Appends go on
 * meanwhile; a second node starting at the same time waits for the head lock and finds less to do.
 */
@Component
class LedgerTreeBackfill implements ApplicationRunner {

  private final LedgerTree tree;

  LedgerTreeBackfill(LedgerTree tree) {
    this.tree = tree;
  }

  @Override
  public void run(ApplicationArguments args) {
    tree.catchUp();
  }
}
