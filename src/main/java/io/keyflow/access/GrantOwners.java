package io.keyflow.access;

import io.keyflow.approval.ApprovalRefusal;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEntry;
import io.keyflow.ledger.RequestEntries;
import io.keyflow.ledger.details.KeyAccessRequested;
import io.keyflow.recipient.RecipientRegistry;
import org.springframework.stereotype.Service;

/**
 * The rule particular to grants among the approvals: the owner of a system (the person responsible
 * for it) never approves a grant to it, as the requester never approves their own request.
 */
@Service
public class GrantOwners {

  private final RequestEntries requests;
  private final RecipientRegistry systems;

  GrantOwners(RequestEntries requests, RecipientRegistry systems) {
    this.requests = requests;
    this.systems = systems;
  }

  /**
   * Refuses a decision by the owner of the system the request of {@code processInstanceId} (as its
   * ledger entry records it) is about.
   *
   * @throws ApprovalRefusal FORBIDDEN when {@code officer} owns the system
   */
  public void requireNotOwner(String processInstanceId, String officer) {
    LedgerEntry request = requests.find(processInstanceId, LedgerAction.KEY_ACCESS_REQUESTED);
    String system = request.details(KeyAccessRequested.class).system();
    systems
        .find(system)
        .filter(s -> officer != null && officer.equals(s.owner()))
        .ifPresent(
            s -> {
              throw new ApprovalRefusal(
                  ApprovalRefusal.Kind.FORBIDDEN,
                  officer
                      + " owns system '"
                      + system
                      + "' and cannot decide on a grant to it; another officer must");
            });
  }
}
