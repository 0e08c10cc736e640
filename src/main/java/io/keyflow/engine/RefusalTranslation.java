package io.keyflow.engine;

import io.keyflow.approval.ApprovalRefusal;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps every exception a task listener throws in a generic {@link
 * ProcessEngineException}, which the REST API answers with 500. This plugin puts an interceptor
 * around every command that turns a wrapped {@link ApprovalRefusal} back into what it is: an {@link
 * AuthorizationException} (403: this person may not decide) or a form validation failure (400 from
 * the task REST API, shown at the form in Tasklist: the decision is incomplete), for REST, Tasklist
 * and Java callers alike. The transaction has already been rolled back when it runs.
 *
 * <p>It also turns the other ways a caller can make a command fail into 4xx: a start whose
 * variables break the process's spec ({@link StartVariableGuard}) becomes a form validation failure
 * (400), known engine messages about the caller's input become a {@link BadUserRequestException}
 * (400, see {@link EngineUserErrors}), and a start at an inner activity (which would skip the
 * request's checks and approval) is refused before it runs.
 */
@Component
class RefusalTranslation extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandInterceptors.addFirst(configuration, new Translator());
  }

  static final class Translator extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof StartProcessInstanceAtActivitiesCmd) {
        throw new BadUserRequestException(
            "Keyflow processes start at their start event only, so that every request is checked and approved;"
                + " send the start without start instructions");
      }
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        ApprovalRefusal refusal = causeOf(e, ApprovalRefusal.class);
        if (refusal != null) {
          throw refusal.kind() == ApprovalRefusal.Kind.FORBIDDEN
              ? new AuthorizationException(refusal.getMessage())
              : new FormFieldValidationException("approval", refusal.getMessage());
        }
        StartVariableGuard.StartRefused startRefused =
            causeOf(e, StartVariableGuard.StartRefused.class);
        if (startRefused != null) {
          throw new FormFieldValidationException("start", startRefused.getMessage());
        }
        if (e instanceof ProcessEngineException engine && !(e instanceof BadUserRequestException)) {
          throw EngineUserErrors.translate(engine).orElseThrow(() -> e);
        }
        throw e;
      }
    }

    private static <X extends Throwable> X causeOf(Throwable e, Class<X> type) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (type.isInstance(cause)) {
          return type.cast(cause);
        }
      }
      return null;
    }
  }
}
