package io.keyflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KeyflowApplication {
  public static void main(String[] args) {
    SpringApplication.run(KeyflowApplication.class, args);
  }
}
