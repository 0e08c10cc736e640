package io.keyflow.approval;

import io.keyflow.ledger.Ledger;
import io.keyflow.ledger.LedgerAction;
import io.keyflow.ledger.LedgerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Writes each officer decision to the ledger, in the transaction that completes the task. */
@Service
public class ApprovalService {

  private final Ledger ledger;
  private final JdbcTemplate jdbc;

  ApprovalService(Ledger ledger, JdbcTemplate jdbc) {
    this.ledger = ledger;
    this.jdbc = jdbc;
  }

  /** The officers who approved within this process instance so far, in order, as the ledger records them. */
  public List<String> approversSoFar(String processInstanceId) {
    return jdbc.queryForList(
        "SELECT actor FROM ledger_entry WHERE process_instance_id = ? AND action LIKE '%\\_APPROVED' ESCAPE '\\' ORDER BY seq",
        String.class, processInstanceId);
  }

  /**
   * Records a decision.
   *
   * @param phase the lifecycle phase in ledger terms, e.g. {@code KEY_GENERATION}
   * @param alias the key alias (business key)
   */
  public void record(String phase, String alias, String taskName, Decision decision, String requestedBy, String processInstanceId) {
    LedgerAction action = LedgerAction.valueOf(phase + (decision.approved() ? "_APPROVED" : "_REJECTED"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", taskName);
    details.put("requestedBy", requestedBy);
    details.put("approvers", decision.approvers());
    if (!decision.comment().isEmpty()) {
      details.put("comment", decision.comment());
    }
    ledger.append(new LedgerEvent(decision.officer(), action, null, alias, null, null, processInstanceId, details));
  }
}
