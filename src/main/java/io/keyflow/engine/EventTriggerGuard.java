package io.keyflow.engine;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Only Keyflow's own code moves a lifecycle instance on from a wait state. A message such as {@code
 * KeyPackagePickedUp} says that something happened outside the engine (the recipient fetched its
 * package over mutual TLS); correlated by a person through the engine API it would end a
 * distribution as distributed without any pickup. So correlating a message, triggering a message
 * subscription, signalling an execution (which ends a receive task) or sending a signal is refused
 * for every authenticated user, the administrator too ({@link TriggerRefused}, 403).
 *
 * <p>Keyflow's pickup correlates through the Java API in a request that is authenticated by its
 * client certificate, not as an engine user, so no engine authentication is set there; commands run
 * by the engine itself (inside a running command) are not checked.
 */
@Component
class EventTriggerGuard extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandInterceptors.addLast(configuration, new Guard(configuration));
  }

  /** A message or signal sent by a user. */
  static final class TriggerRefused extends AuthorizationException {
    TriggerRefused(String message) {
      super(message);
    }
  }

  static final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() == null && isTrigger(command)) {
        Authentication user = configuration.getIdentityService().getCurrentAuthentication();
        if (user != null) {
          throw new TriggerRefused(
              "Messages and signals of Keyflow's processes are sent by Keyflow only, not by users ("
                  + user.getUserId()
                  + " is not allowed to): they report what happened outside the engine, such as a recipient picking up"
                  + " its package over mutual TLS. Nothing was changed. To stop an instance, cancel it; a package is"
                  + " picked up by its recipient at /api/distribution/{packageId}/package");
        }
      }
      return next.execute(command);
    }

    private static boolean isTrigger(Command<?> command) {
      return command instanceof AbstractCorrelateMessageCmd
          || command instanceof CorrelateAllMessageBatchCmd
          || command instanceof MessageEventReceivedCmd
          || command instanceof SignalCmd
          || command instanceof SignalEventReceivedCmd;
    }
  }
}
