package dev.contextdb.modulithfixture.shop.shipping;

import org.springframework.modulith.ApplicationModule;

/** Modulith's type-level form (its annotation is a {@code @PackageInfo}): the type's package is the module. */
@ApplicationModule
class ModuleMetadata {
}
