package io.keyflow;

import io.keyflow.ledger.LedgerCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KeyflowApplication {
  public static void main(String[] args) {
    // Verifying a ledger must not need the application (or its engine) to start.
    if (args.length >= 2
        && "ledger".equals(args[0])
        && ("verify".equals(args[1]) || "verify-pack".equals(args[1]))) {
      System.exit(LedgerCommand.run(args, System.out));
    }
    SpringApplication.run(KeyflowApplication.class, args);
  }
}
