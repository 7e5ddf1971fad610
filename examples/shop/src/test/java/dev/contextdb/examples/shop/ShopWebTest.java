package dev.contextdb.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextEvents;
import dev.contextdb.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The shop as a web application: the use case over HTTP, health per context, the contextdb endpoint. */
class ShopWebTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void placesOrdersOverHttpAndReportsEachContext() throws Exception {
        try (TestDatabase h2 = TestDatabase.h2();
                ConfigurableApplicationContext shop = SpringApplication.run(ShopApplication.class,
                        "--server.port=0", "--context-db.datasource.url=" + h2.url(), "--context-db.datasource.username=sa")) {
            int port = ((WebServerApplicationContext) shop).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;

            HttpResponse<String> placed = post(base + "/orders", "{\"customer\":\"ada\",\"productId\":1,\"quantity\":2}");
            assertThat(placed.statusCode()).isEqualTo(201);
            assertThat(placed.body()).contains("\"customer\":\"ada\"", "\"totalCents\":5000");

            HttpResponse<String> refused = post(base + "/orders", "{\"customer\":\"alan\",\"productId\":2,\"quantity\":9}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("Only 2 of product 2 in stock, 9 wanted");

            HttpResponse<String> declined = post(base + "/orders", "{\"customer\":\"mallory\",\"productId\":3,\"quantity\":20}");
            assertThat(declined.statusCode()).isEqualTo(402);
            assertThat(declined.body()).contains("Payment declined for mallory");

            // Inventory reserves in its listener, after orders commits: poll with a deadline.
            ContextEvents events = shop.getBean(ContextEvents.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (events.count("orders", "DONE") < 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(events.count("orders", "DONE")).isEqualTo(1);
            assertThat(get(base + "/stock/1").body()).contains("\"available\":3");
            assertThat(get(base + "/stock/3").body()).contains("\"available\":40");
            assertThat(get(base + "/orders").body()).contains("ada").doesNotContain("alan").doesNotContain("mallory");

            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"contextDb\"", "\"catalog\"", "\"inventory\"", "\"orders\"");

            HttpResponse<String> report = get(base + "/actuator/contextdb");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("\"catalog\"", "\"SCHEMA\"");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
