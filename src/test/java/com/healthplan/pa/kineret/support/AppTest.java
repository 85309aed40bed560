package com.healthplan.pa.kineret.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The running application on a random port with an in-memory H2 database and the job executor on, as
 * {@code mvn spring-boot:run} runs it (a FHIR Subscription notification is attempted 3 times, 1 s apart, instead of the
 * default 10 times a minute apart). Test classes with this annotation share one Spring context: Surefire runs the
 * tag {@code shared-context} in reused JVMs (see {@code pom.xml}). Metrics are exported as in the running application
 * ({@code /actuator/prometheus}; Spring Boot's tests leave exporters off unless asked).
 */
@Tag("shared-context")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:kineret-app-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.job-execution.max-wait=500",
        "kineret.fhir.subscriptions.retry-cycle=R3/PT1S"
})
public @interface AppTest {
}
