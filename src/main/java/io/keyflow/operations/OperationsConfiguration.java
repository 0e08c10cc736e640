package io.keyflow.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health and metrics for the monitoring an operations or security team already runs. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

  @Bean
  static VaultMetricsPostProcessor vaultMetricsPostProcessor(
      ObjectProvider<MeterRegistry> registry) {
    return new VaultMetricsPostProcessor(registry);
  }
}
