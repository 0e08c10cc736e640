package io.keyflow.lifecycle.rotation;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RotationConfiguration {

  /** No distribution yet, so no recipient holds any version; distribution's own bean replaces this. */
  @Bean
  @ConditionalOnMissingBean(RecipientHoldings.class)
  RecipientHoldings noRecipientHoldings() {
    return versionId -> List.of();
  }
}
