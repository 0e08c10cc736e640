package io.keyflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyflow.security.AccessGuard;
import io.keyflow.security.Role;
import java.util.Base64;
import java.util.Map;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * P6's HTTP ceiling: {@code POST /api/bench/echo}, authenticated and authorised exactly as the
 * crypto API ({@code key-user}), reading the same JSON body and answering a body of the same shape
 * without touching a key. A functional route registered by {@link BenchStack} only: it has no
 * annotation a component scan could find, so neither the application nor any test ever serves it.
 */
final class EchoEndpoint {

  private EchoEndpoint() {}

  static void register(GenericApplicationContext context) {
    context.registerBean(
        "benchEchoEndpoint",
        RouterFunction.class,
        () -> {
          AccessGuard access = context.getBean(AccessGuard.class);
          ObjectMapper json = context.getBean(ObjectMapper.class);
          return RouterFunctions.route()
              .POST(
                  "/api/bench/echo",
                  request -> {
                    access.require(Role.KEY_USER);
                    JsonNode body = json.readTree(request.body(byte[].class));
                    byte[] plaintext = Base64.getDecoder().decode(body.get("plaintext").asText());
                    return ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                            Map.of(
                                "alias",
                                "echo",
                                "version",
                                1,
                                "iv",
                                "AAAAAAAAAAAAAAAA",
                                "ciphertext",
                                Base64.getEncoder().encodeToString(plaintext)));
                  })
              .build();
        });
  }
}
