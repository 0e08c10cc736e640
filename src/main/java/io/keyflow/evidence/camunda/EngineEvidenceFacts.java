package io.keyflow.evidence.camunda;

import io.keyflow.evidence.EngineFacts;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The engine's facts for evidence packs. Reads as the system, not as the caller: an auditor may not
 * read every user or every process instance in Camunda, yet the pack they asked for (already
 * authorized by role) must be complete.
 */
@Component
class EngineEvidenceFacts implements EngineFacts {

  private static final int MAX_INCIDENTS = 10_000;

  private final IdentityService identity;
  private final HistoryService history;

  EngineEvidenceFacts(IdentityService identity, HistoryService history) {
    this.identity = identity;
    this.history = history;
  }

  @Override
  public List<String> members(String groupId) {
    return asSystem(
        () ->
            identity.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(User::getId)
                .sorted()
                .toList());
  }

  @Override
  public List<Incident> incidents(Instant from, Instant to) {
    return asSystem(
        () ->
            history
                .createHistoricIncidentQuery()
                .createTimeAfter(Date.from(from.minusMillis(1)))
                .createTimeBefore(Date.from(to))
                .orderByCreateTime()
                .asc()
                .listPage(0, MAX_INCIDENTS)
                .stream()
                .map(this::incident)
                .toList());
  }

  private Incident incident(HistoricIncident i) {
    HistoricProcessInstance instance =
        i.getProcessInstanceId() == null
            ? null
            : history
                .createHistoricProcessInstanceQuery()
                .processInstanceId(i.getProcessInstanceId())
                .singleResult();
    return new Incident(
        i.getCreateTime().toInstant(),
        i.getEndTime() == null ? null : i.getEndTime().toInstant(),
        i.getProcessDefinitionKey(),
        i.getActivityId(),
        i.getProcessInstanceId(),
        instance == null ? null : instance.getBusinessKey(),
        i.getIncidentMessage());
  }

  private <T> T asSystem(Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
