package io.keyflow.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts HTTP Basic authentication in front of every REST endpoint. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> restAuthenticationFilter(
      ProcessEngine engine) {
    var registration =
        new FilterRegistrationBean<>(new BasicAuthenticationFilter(engine.getIdentityService(), engine.getName()));
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setName("keyflowRestAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
