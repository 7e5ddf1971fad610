package dev.contextdb.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The shop: catalog, inventory and orders, each a bounded context with its own data. Runs on
 * embedded H2 by default; the profiles {@code postgres}, {@code mariadb} and {@code split} move
 * the same code to other databases and strategies.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
