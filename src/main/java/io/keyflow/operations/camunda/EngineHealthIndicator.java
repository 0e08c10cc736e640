package io.keyflow.operations.camunda;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The workflow engine is ready: Keyflow's processes are deployed and, where it is enabled, the job
 * executor that runs the HSM steps is active. Part of readiness.
 */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {

  private final ProcessEngine engine;
  private final boolean jobExecutionEnabled;

  EngineHealthIndicator(
      ProcessEngine engine,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    this.engine = engine;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  public Health health() {
    long deployed = engine.getRepositoryService().createProcessDefinitionQuery().count();
    if (deployed == 0) {
      return Health.down().withDetail("reason", "processes not deployed").build();
    }
    if (jobExecutionEnabled) {
      JobExecutor jobExecutor =
          ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
              .getJobExecutor();
      if (jobExecutor == null || !jobExecutor.isActive()) {
        return Health.down().withDetail("reason", "job executor not running").build();
      }
    }
    return Health.up().build();
  }
}
