package io.keyflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Adds Keyflow's interceptors in front of the engine's command chain (inside the transaction), in a
 * known order: the refusal translation outermost, so it sees what the guards throw.
 */
final class CommandInterceptors {

  private CommandInterceptors() {}

  /** Outermost of the custom interceptors. */
  static void addFirst(
      ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
    List<CommandInterceptor> interceptors = current(configuration);
    interceptors.add(0, interceptor);
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** After the custom interceptors added so far. */
  static void addLast(
      ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
    List<CommandInterceptor> interceptors = current(configuration);
    interceptors.add(interceptor);
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private static List<CommandInterceptor> current(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> existing = configuration.getCustomPreCommandInterceptorsTxRequired();
    return existing == null ? new ArrayList<>() : new ArrayList<>(existing);
  }
}
