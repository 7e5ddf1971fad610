package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Proves the event benchmarks run and measure what they say, on a few events: both applications
 * deliver every event exactly once (a round fails on a missing or repeated one, and reads context-db's
 * delivery rows in orders' schema and Modulith's publications in its own), and every externalized
 * event reaches the queue. Figures come from the real runs in docs/benchmarks.md.
 */
class EventBenchmarksSmokeTest {

    @Test
    void contextDbAndSpringModulithDeliverEveryEventOnceAndAreTimed() throws Exception {
        EventDeliveryBenchmark.Result result = EventDeliveryBenchmark.measure(
                new EventDeliveryBenchmark.Settings(200, 20, 40, 2, 1, 0));
        for (EventDeliveryBenchmark.Side side : new EventDeliveryBenchmark.Side[] {result.contextDb(), result.modulith()}) {
            assertThat(side.duplicates()).as(side.name()).isZero();
            assertThat(side.p50Millis()).as(side.name()).isPositive().isLessThanOrEqualTo(side.p99Millis());
            assertThat(side.p99Millis()).as(side.name()).isLessThanOrEqualTo(side.maxMillis());
            assertThat(side.eventsPerSecond()).as(side.name()).singleElement().satisfies(rate -> assertThat(rate).isPositive());
        }
    }

    @Test
    void everyExternalizedEventIsConfirmedAndReachesTheQueue() throws Exception {
        RabbitExternalizationBenchmark.Result result = RabbitExternalizationBenchmark.measure(40, 2, 1);
        // Marked sent by context-db only after the confirm, and routed: all 40 are in the run's queue.
        assertThat(result.leftInQueue()).containsExactly(40);
        assertThat(result.contextDb()).singleElement().satisfies(rate -> assertThat(rate).isPositive());
        assertThat(result.pipelined()).singleElement().satisfies(rate -> assertThat(rate).isPositive());
        assertThat(result.confirmEach()).singleElement().satisfies(rate -> assertThat(rate).isPositive());
    }
}
