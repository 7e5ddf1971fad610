package dev.contextdb.boot.datajdbcstray.parcels;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Context parcels' aggregate. */
@Table
public record Parcel(@Id Long id, String label) {
}
