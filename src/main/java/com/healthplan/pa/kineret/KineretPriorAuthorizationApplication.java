package com.healthplan.pa.kineret;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Kineret prior authorization: Spring Boot application with the embedded Camunda 7 engine and webapps. */
@SpringBootApplication
public class KineretPriorAuthorizationApplication {

    /** @param args Spring Boot command-line arguments */
    public static void main(String[] args) {
        SpringApplication.run(KineretPriorAuthorizationApplication.class, args);
    }
}
