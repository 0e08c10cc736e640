package io.keyflow.engine;

import io.keyflow.approval.ApprovalRefusal;
import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps every exception a task listener throws in a generic {@link
 * ProcessEngineException}, which the REST API answers with 500. This plugin puts an interceptor
 * around every command that turns a wrapped {@link ApprovalRefusal} back into what it is: an
 * {@link AuthorizationException} (403: this person may not decide) or a form validation failure
 * (400 from the task REST API, shown at the form in Tasklist: the decision is incomplete), for
 * REST, Tasklist and Java callers alike. The transaction has already been rolled back when it runs.
 */
@Component
class RefusalTranslation extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var interceptors =
        new ArrayList<CommandInterceptor>(
            configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? java.util.List.of()
                : configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(0, new Translator());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class Translator extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        ApprovalRefusal refusal = refusalIn(e);
        if (refusal == null) {
          throw e;
        }
        throw refusal.kind() == ApprovalRefusal.Kind.FORBIDDEN
            ? new AuthorizationException(refusal.getMessage())
            : new FormFieldValidationException("approval", refusal.getMessage());
      }
    }

    private static ApprovalRefusal refusalIn(Throwable e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ApprovalRefusal refusal) {
          return refusal;
        }
      }
      return null;
    }
  }
}
