package io.keyflow.kmip;

import io.keyflow.kmip.protocol.KmipOperation;
import io.keyflow.kmip.protocol.RequestProcessor;
import io.keyflow.kmip.ttlv.TtlvCodec;
import io.keyflow.recipient.RecipientRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The KMIP server's parts: the message layer over every {@link KmipOperation} bean, and the
 * listener, which exists only when {@code keyflow.kmip.port} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KmipSettings.class)
class KmipConfiguration {

  @Bean
  RequestProcessor kmipRequestProcessor(
      List<KmipOperation> operations, KmipSettings settings, Clock clock) {
    return new RequestProcessor(
        operations,
        new TtlvCodec(
            new TtlvCodec.Limits(
                settings.maxMessageBytes(), settings.maxItemBytes(), settings.maxDepth())),
        clock);
  }

  @Bean
  @ConditionalOnProperty("keyflow.kmip.port")
  KmipServer kmipServer(
      KmipSettings settings,
      RequestProcessor processor,
      RecipientRegistry systems,
      Clock clock,
      Environment environment) {
    return new KmipServer(
        settings,
        KmipTls.server(settings, environment),
        processor,
        new KmipClients(systems, clock));
  }
}
