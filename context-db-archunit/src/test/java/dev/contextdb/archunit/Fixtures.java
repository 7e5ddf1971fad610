package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fixture applications under {@code dev.contextdb.archunit.fixtures}, imported once each. */
final class Fixtures {

    static final String ROOT = "dev.contextdb.archunit.fixtures.";

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** @return the fixture's package, for example {@code ...fixtures.shop} for {@code "shop"} */
    static String pkg(String fixture) {
        return ROOT + fixture;
    }

    static JavaClasses imported(String fixture) {
        return IMPORTED.computeIfAbsent(fixture, name -> new ClassFileImporter().importPackages(pkg(name)));
    }

    /** @return the rule's violation messages on the fixture; empty when it passes */
    static List<String> violations(ArchRule rule, String fixture) {
        return violations(rule, imported(fixture));
    }

    static List<String> violations(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).getFailureReport().getDetails();
    }
}
