package io.keyflow.lifecycle.distribution;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DistributionSettings.class)
class DistributionConfiguration {}
