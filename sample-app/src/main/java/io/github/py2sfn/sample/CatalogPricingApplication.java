package io.github.py2sfn.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The catalog-pricing tasks. On Lambda, each function runs this application through Spring Cloud
 * Function's {@code FunctionInvoker} with {@code SPRING_CLOUD_FUNCTION_DEFINITION} naming its task.
 */
@SpringBootApplication
public class CatalogPricingApplication {

  /**
   * Starts the application (locally; on Lambda the AWS adapter starts it).
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(CatalogPricingApplication.class, args);
  }
}
