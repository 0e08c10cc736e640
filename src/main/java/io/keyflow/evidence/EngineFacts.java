package io.keyflow.evidence;

import java.time.Instant;
import java.util.List;

/**
 * What a pack needs from the workflow engine, behind a Camunda-free port (implemented in {@code
 * engine}): who holds the roles now, and incidents of HSM steps in a period.
 */
public interface EngineFacts {

  /** Members of a group now, sorted. Camunda identity keeps no history of membership. */
  List<String> members(String groupId);

  /** Incidents (failed jobs that ran out of retries) created in {@code [from, to)}. */
  List<Incident> incidents(Instant from, Instant to);

  /**
   * One engine incident.
   *
   * @param resolvedAt when it was resolved or deleted, null while open
   */
  record Incident(
      Instant createdAt,
      Instant resolvedAt,
      String processDefinitionKey,
      String activityId,
      String processInstanceId,
      String businessKey,
      String message) {}
}
