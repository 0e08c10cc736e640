package io.keyflow.operations;

import io.keyflow.hsm.KeyVault;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the timing decorator around the key vault bean, whichever backend made it: one place for all
 * calls.
 */
final class VaultMetricsPostProcessor implements BeanPostProcessor {

  private final ObjectProvider<MeterRegistry> registry;

  VaultMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof KeyVault vault && !(bean instanceof MeteredKeyVault)) {
      return new MeteredKeyVault(vault, registry.getObject());
    }
    return bean;
  }
}
