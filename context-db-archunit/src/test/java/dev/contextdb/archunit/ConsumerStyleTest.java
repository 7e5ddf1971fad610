package dev.contextdb.archunit;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The one line a consumer writes, run by ArchUnit's JUnit engine on the clean shop. */
@AnalyzeClasses(packages = "dev.contextdb.archunit.fixtures.shop")
class ConsumerStyleTest {

    @ArchTest
    static final ArchRule contextDb = ContextDbRules.all();
}
