package io.keyflow.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator where Keyflow's user interfaces and APIs are, once it is ready. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort();
    log.info(
        "Keyflow is ready:\n  Tasklist  {}/camunda/app/tasklist/\n  Cockpit   {}/camunda/app/cockpit/\n"
            + "  Admin     {}/camunda/app/admin/\n  Keyflow API {}/api (OpenAPI at {}/api/openapi)\n"
            + "  Engine REST {}/engine-rest",
        base,
        base,
        base,
        base,
        base,
        base);
  }
}
