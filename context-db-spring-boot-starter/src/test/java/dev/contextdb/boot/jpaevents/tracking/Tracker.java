package dev.contextdb.boot.jpaevents.tracking;

import dev.contextdb.boot.jpaevents.parcels.ParcelSent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tracks each parcel sent, in a tracking transaction. */
@Component
public class Tracker {

    private final JdbcClient jdbc;

    Tracker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(ParcelSent sent) {
        jdbc.sql("insert into tracked (parcel_id) values (?)").param(sent.id()).update();
    }
}
