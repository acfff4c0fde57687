package io.github.py2sfn.tasktools.benchmarks.coldstart.bare;

import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * (a) A bare Spring Cloud Function app with a plain function: the AWS adapter and Spring Boot, no
 * py2sfn library, no AWS SDK on the classpath.
 */
@SpringBootApplication
public class BareApp {

  @Bean
  Function<Map<String, Object>, Map<String, Object>> hello() {
    return event -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) event.get("data");
      return Map.of("greeting", "hello " + data.get("name"), "fields", data.size());
    };
  }
}
