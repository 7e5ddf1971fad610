package dev.contextdb.boot.jpaevents.parcels;

/**
 * Published when a parcel is sent.
 * @param id the parcel
 * @param label its label
 */
public record ParcelSent(long id, String label) {
}
