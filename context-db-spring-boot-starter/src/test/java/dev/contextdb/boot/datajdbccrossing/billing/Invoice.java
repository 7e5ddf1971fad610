package dev.contextdb.boot.datajdbccrossing.billing;

import org.springframework.data.annotation.Id;

/** Billing's aggregate. */
public record Invoice(@Id Long id, long amount) {
}
