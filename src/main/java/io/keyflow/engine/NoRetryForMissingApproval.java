package io.keyflow.engine;

import io.keyflow.approval.ApprovalMissing;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A job that failed because an HSM step found no approval in the ledger ({@link ApprovalMissing})
 * becomes an incident at once: retrying cannot make an approval appear, and every retry would only
 * repeat the alert. Every other failure keeps the BPMN's retry cycle.
 */
@Component
class NoRetryForMissingApproval extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory standard =
        configuration.getFailedJobCommandFactory() != null
            ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory(
        (jobId, exception) ->
            approvalMissing(exception)
                ? new IncidentNow(jobId, exception)
                : standard.getCommand(jobId, exception));
  }

  static boolean approvalMissing(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApprovalMissing) {
        return true;
      }
    }
    return false;
  }

  /** Records the failure on the job and sets its retries to 0, which raises the incident. */
  static final class IncidentNow extends JobRetryCmd implements Command<Object> {

    IncidentNow(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return null;
      }
      job.unlock();
      logException(job);
      job.setRetries(0);
      notifyAcquisition(commandContext);
      return null;
    }
  }
}
