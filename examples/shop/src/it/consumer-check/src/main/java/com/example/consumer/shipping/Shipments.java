package com.example.consumer.shipping;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data JPA repository, bound to shipping's unit with no @EnableJpaRepositories. */
interface Shipments extends JpaRepository<Shipment, Long> {

    List<Shipment> findByDestination(String destination);
}
