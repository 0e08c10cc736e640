package io.keyflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/** Puts HTTP Basic authentication and a body size limit in front of every REST endpoint. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> restAuthenticationFilter(ProcessEngine engine) {
    var registration =
        new FilterRegistrationBean<>(
            new BasicAuthenticationFilter(engine.getIdentityService(), engine.getName()));
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/prometheus");
    registration.setName("keyflowRestAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * After authentication (an anonymous caller gets its 401 first), before anything reads a body.
   */
  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpSettings settings) {
    var registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(settings.maxRequestBody().toBytes()));
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setName("keyflowRequestBodyLimit");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /**
   * Under production: HSTS, HTTPS only (behind a proxy), no Camunda setup page. Before everything
   * else.
   */
  @Bean
  @Profile("production")
  FilterRegistrationBean<TransportSecurityFilter> transportSecurityFilter() {
    var registration = new FilterRegistrationBean<>(new TransportSecurityFilter());
    registration.addUrlPatterns("/*");
    registration.setName("keyflowTransportSecurity");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** After authentication: only auditors, officers and administrators may scrape the metrics. */
  @Bean
  FilterRegistrationBean<MetricsAccessFilter> metricsAccessFilter(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new MetricsAccessFilter(identityService));
    registration.addUrlPatterns("/actuator/prometheus");
    registration.setName("keyflowMetricsAccess");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }
}
