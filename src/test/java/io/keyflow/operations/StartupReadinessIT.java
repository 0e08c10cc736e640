package io.keyflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyflow.KeyflowApplication;
import io.keyflow.support.FullStack;
import io.keyflow.support.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The port opens before start-up is over (the web server starts with the context, the start-up
 * runners — groups, authorizations, demo users — run after it). Readiness must say DOWN until then,
 * so that a load balancer never sends a login that valid demo credentials would fail. A gate held
 * by the test keeps start-up in that window for as long as the test needs.
 */
class StartupReadinessIT {

  private static final CountDownLatch GATE = new CountDownLatch(1);
  private ConfigurableApplicationContext context;

  /** Holds start-up before Keyflow's own runners, as a slow database or engine would. */
  @Configuration(proxyBeanMethods = false)
  static class StartupGate {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationRunner holdStartup() {
      return args -> GATE.await(120, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stop() {
    GATE.countDown();
    if (context != null) {
      context.close();
    }
  }

  @Test
  void readinessIsDownUntilTheDemoUsersCanLogInAndUpFromThenOn() throws Exception {
    int port = freePort();
    RestClient rest = new RestClient(port);
    CompletableFuture<ConfigurableApplicationContext> starting =
        CompletableFuture.supplyAsync(
            () ->
                new SpringApplicationBuilder(KeyflowApplication.class, StartupGate.class)
                    .profiles("test")
                    .run("--server.port=" + port));

    FullStack.await("the port answers", Duration.ofSeconds(120), () -> answers(rest));
    assertThat(rest.get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(rest.get("/actuator/health/readiness", null).body())
        .isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
    assertThat(rest.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(rest.get("/engine-rest/engine", "alice").statusCode()).isEqualTo(401);

    GATE.countDown();
    FullStack.await(
        "readiness is UP",
        Duration.ofSeconds(60),
        () -> rest.get("/actuator/health/readiness", null).statusCode() == 200);
    assertThat(rest.get("/engine-rest/engine", "alice").statusCode()).isEqualTo(200);
    context = starting.get(30, TimeUnit.SECONDS);
  }

  private static boolean answers(RestClient rest) {
    try {
      rest.get("/actuator/health/liveness", null);
      return true;
    } catch (IllegalStateException connectionRefused) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
