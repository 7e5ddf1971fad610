package dev.contextdb.modelfixture.billing;

public record Invoice(long id) {
}
