package dev.contextdb.boot.jpaevents.parcels;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saves a parcel (flushed by Hibernate at the commit) and publishes it, in one parcels transaction. */
@Service
public class ParcelDesk {

    private final ParcelRepository parcels;
    private final ApplicationEventPublisher events;

    ParcelDesk(ParcelRepository parcels, ApplicationEventPublisher events) {
        this.parcels = parcels;
        this.events = events;
    }

    @Transactional
    public void send(long id, String label) {
        parcels.save(new Parcel(id, label));
        events.publishEvent(new ParcelSent(id, label));
    }

    @Transactional(readOnly = true)
    public long count() {
        return parcels.count();
    }
}
