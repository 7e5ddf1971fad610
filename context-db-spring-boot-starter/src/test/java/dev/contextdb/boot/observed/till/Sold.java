package dev.contextdb.boot.observed.till;

/** The event. */
public record Sold(long id) {
}
