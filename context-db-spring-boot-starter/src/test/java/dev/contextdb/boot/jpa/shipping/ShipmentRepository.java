package dev.contextdb.boot.jpa.shipping;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ShipmentRepository extends JpaRepository<Shipment, Long> {

    List<Shipment> findByDestination(String destination);
}
