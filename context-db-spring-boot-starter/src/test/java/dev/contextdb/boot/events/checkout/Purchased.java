package dev.contextdb.boot.events.checkout;

/** The event. */
public record Purchased(long id, String item) {
}
