package dev.contextdb.boot.rabbit.till;

import org.springframework.modulith.events.Externalized;

/**
 * The externalized event; the exchange is part of the event only so that each test run sends to
 * an exchange of its own (SpEL in both parts of the target, as Spring Modulith allows).
 */
@Externalized("#{exchange()}::till.sold.#{id()}")
public record Sold(long id, String item, String exchange) {
}
