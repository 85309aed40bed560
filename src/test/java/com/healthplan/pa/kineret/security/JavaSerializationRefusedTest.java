package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Java serialization of process variables is off ({@code javaSerializationFormatEnabled: false} in
 * {@code application.yml}): a Java-serialized object variable is refused by the running engine, through
 * {@link RuntimeService} and through Camunda's REST API, so that no client can make the engine deserialize
 * bytes it sent. Object variables are stored as JSON by default ({@code default-serialization-format}).
 *
 * <p>As documented by Camunda, the switch refuses values given in serialized form; an object handed over
 * deserialized by the application's own Java code with an explicit Java format would still be serialized by the
 * engine (trusted code only; the application never does so).
 */
@AppTest
class JavaSerializationRefusedTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    /** A Java-serialized value (already serialized, or an object to serialize with Java) is refused. */
    @Test
    void javaSerializedVariablesAreRefused() throws IOException {
        ApiClient api = new ApiClient(port);
        String requestId = "SERIAL-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        api.awaitDetermination(submitted.json().get("id").asText(), Duration.ofSeconds(60));
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(requestId)
                .singleResult();
        Assertions.assertThat(instance).as("process instance of %s", requestId).isNotNull();
        String java = Variables.SerializationDataFormats.JAVA.getName();

        String serialized = javaSerialized(new ArrayList<>(List.of("payload")));
        Assertions.assertThatThrownBy(() -> runtimeService.setVariable(instance.getId(), "serializedPayload",
                        Variables.serializedObjectValue(serialized).serializationDataFormat(java)
                                .objectTypeName(ArrayList.class.getName()).create()))
                .as("an already Java-serialized value").isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Java serialization format is prohibited");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "serializedPayload")).as("not stored").isNull();

        String body = "{\"value\": \"" + serialized + "\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \""
                + ArrayList.class.getName() + "\", \"serializationDataFormat\": \"" + java + "\"}}";
        ApiClient.Response rest = api.send("PUT", "/engine-rest/process-instance/" + instance.getId()
                        + "/variables/restPayload", "admin", "admin", "application/json",
                HttpRequest.BodyPublishers.ofString(body));
        Assertions.assertThat(rest.status()).as("REST: %s", rest.body()).isGreaterThanOrEqualTo(400).isLessThan(600);
        Assertions.assertThat(rest.body()).contains("Java serialization format is prohibited");
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "restPayload")).as("not stored").isNull();

        runtimeService.setVariable(instance.getId(), "jsonPayload",
                Variables.objectValue(new ArrayList<>(List.of("payload"))).create());
        ObjectValue stored = runtimeService.getVariableTyped(instance.getId(), "jsonPayload", false);
        Assertions.assertThat(stored.getSerializationDataFormat()).as("default format of object variables")
                .isEqualTo(Variables.SerializationDataFormats.JSON.getName());
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), "jsonPayload")).as("JSON objects still work")
                .isEqualTo(List.of("payload"));
        runtimeService.removeVariable(instance.getId(), "jsonPayload");
    }

    private static String javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
