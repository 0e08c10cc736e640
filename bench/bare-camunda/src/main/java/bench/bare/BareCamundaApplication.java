package bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Camunda 7 webapps and engine REST on Spring Boot, nothing else: the start-up reference of P5. */
@SpringBootApplication
public class BareCamundaApplication {
  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
