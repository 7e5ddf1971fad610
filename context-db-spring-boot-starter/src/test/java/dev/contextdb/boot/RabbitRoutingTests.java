package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.Externalized;

/** Exchange and routing key from {@code @Externalized}, as Spring Modulith reads the annotation. */
class RabbitRoutingTests {

    @Externalized
    record Plain(long id) {
    }

    @Externalized("orders")
    record ExchangeOnly(long id) {
    }

    @Externalized("orders::order.placed.#{region()}")
    record Keyed(long id, String region) {
    }

    @Externalized(target = "#{region()}-orders::placed")
    record ExpressionTarget(String region) {
    }

    @Externalized("orders::#{region(}")
    record Broken(String region) {
    }

    @Test
    void withoutTargetTheExchangeIsTheTypesFullyQualifiedNameAndTheKeyEmpty() {
        RabbitExternalizer.Route route = RabbitExternalizer.Route.of(Plain.class);
        assertThat(route.exchange(new Plain(1))).isEqualTo(Plain.class.getName());
        assertThat(route.routingKey(new Plain(1))).isEmpty();
    }

    @Test
    void anExchangeAloneHasAnEmptyRoutingKey() {
        RabbitExternalizer.Route route = RabbitExternalizer.Route.of(ExchangeOnly.class);
        assertThat(route.exchange(new ExchangeOnly(1))).isEqualTo("orders");
        assertThat(route.routingKey(new ExchangeOnly(1))).isEmpty();
    }

    @Test
    void spelInEitherPartIsEvaluatedOnTheEvent() {
        RabbitExternalizer.Route keyed = RabbitExternalizer.Route.of(Keyed.class);
        assertThat(keyed.exchange(new Keyed(1, "eu"))).isEqualTo("orders");
        assertThat(keyed.routingKey(new Keyed(1, "eu"))).isEqualTo("order.placed.eu");
        RabbitExternalizer.Route target = RabbitExternalizer.Route.of(ExpressionTarget.class);
        assertThat(target.exchange(new ExpressionTarget("us"))).isEqualTo("us-orders");
        assertThat(target.routingKey(new ExpressionTarget("us"))).isEqualTo("placed");
    }

    @Test
    void anExpressionThatDoesNotParseNamesTheType() {
        assertThatThrownBy(() -> RabbitExternalizer.Route.of(Broken.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("@Externalized(\"orders::#{region(}\") on " + Broken.class.getName()
                        + " is no \"exchange::routing-key\" whose SpEL parts (#{...}) parse");
    }
}
