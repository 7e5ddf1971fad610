package dev.contextdb.boot.datajdbcstray;

import dev.contextdb.boot.datajdbcstray.parcels.Parcel;
import org.springframework.data.repository.ListCrudRepository;

/** A Spring Data JDBC repository in no context's packages. */
public interface Parcels extends ListCrudRepository<Parcel, Long> {
}
