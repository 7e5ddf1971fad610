/** Orders: a Modulith module named after its package. */
@ApplicationModule
package dev.contextdb.boot.modulith.orders;

import org.springframework.modulith.ApplicationModule;
