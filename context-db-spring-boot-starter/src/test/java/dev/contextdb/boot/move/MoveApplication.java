package dev.contextdb.boot.move;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the move command's tests read the configuration of: two contexts, its
 * settings in the profile {@code movetest}. Never started: the command stops its run once the
 * environment is prepared.
 */
@SpringBootApplication
public class MoveApplication {

    public static void main(String[] args) {
        SpringApplication.run(MoveApplication.class, args);
    }
}
