package com.healthplan.pa.kineret.fhir.subscription;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The allow-list of Subscription endpoints compares URLs (RFC 3986), not text: scheme, host, the prefix's port when
 * it gives one, and a path that continues the prefix's at a {@code /}; user information, fragments and other schemes
 * are refused, and {@code require-https} refuses {@code http}.
 */
class EndpointAllowListTest {

    private static final EndpointAllowList DEMO = new EndpointAllowList(List.of("http://localhost"), false);
    private static final EndpointAllowList PROVIDERS = new EndpointAllowList(
            List.of("https://pas.provider-a.example/notify", "https://hooks.provider-b.example:8443/"), true);

    @Test
    void aPrefixWithoutPortAllowsItsHostOnAnyPort() {
        Assertions.assertThat(DEMO.refusal("http://localhost:54321/notify")).isEmpty();
        Assertions.assertThat(DEMO.refusal("http://LOCALHOST/notify")).isEmpty();
        Assertions.assertThat(DEMO.refusal("http://localhost")).isEmpty();
    }

    @Test
    void hostsNamedLikeTheAllowedOneAndOtherSchemesAreRefused() {
        Assertions.assertThat(DEMO.refusal("http://localhost.example.org/notify")).isPresent();
        Assertions.assertThat(DEMO.refusal("http://localhost@hooks.example.org/notify")).isPresent();
        Assertions.assertThat(DEMO.refusal("http://user:secret@localhost/notify")).isPresent();
        Assertions.assertThat(DEMO.refusal("https://localhost/notify")).as("another scheme").isPresent();
        Assertions.assertThat(DEMO.refusal("ftp://localhost/notify")).isPresent();
        Assertions.assertThat(DEMO.refusal("http://localhost/notify#part")).isPresent();
        Assertions.assertThat(DEMO.refusal("/notify")).isPresent();
        Assertions.assertThat(DEMO.refusal("not a url")).isPresent();
        Assertions.assertThat(DEMO.refusal(null)).isPresent();
    }

    @Test
    void thePathContinuesThePrefixAtASlashAndThePrefixPortMustMatch() {
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example/notify")).isEmpty();
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example/notify/kineret")).isEmpty();
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example/notify-other")).isPresent();
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example/other")).isPresent();
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example/notify/../admin")).isPresent();
        Assertions.assertThat(PROVIDERS.refusal("https://pas.provider-a.example:443/notify")).as("default port").isEmpty();
        Assertions.assertThat(PROVIDERS.refusal("https://hooks.provider-b.example:8443/any/path")).isEmpty();
        Assertions.assertThat(PROVIDERS.refusal("https://hooks.provider-b.example/any/path")).as("port 443").isPresent();
    }

    @Test
    void httpsRequiredRefusesHttpAndAnEmptyListAllowsNothing() {
        Assertions.assertThat(PROVIDERS.refusal("http://pas.provider-a.example/notify")).get().asString().contains("https");
        Assertions.assertThat(new EndpointAllowList(List.of(), false).refusal("http://localhost/notify")).isPresent();
        Assertions.assertThatThrownBy(() -> new EndpointAllowList(List.of("http://localhost"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("https");
        Assertions.assertThatThrownBy(() -> new EndpointAllowList(List.of("localhost"), false))
                .isInstanceOf(IllegalStateException.class);
    }
}
