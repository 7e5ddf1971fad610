package dev.contextdb.examples.shop;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.archunit.ContextDbRules;

/** The one line a consumer adds: contexts keep out of each other's data. */
@AnalyzeClasses(packages = "dev.contextdb.examples.shop")
class ContextBoundariesTest {

    @ArchTest
    static final ArchRule contextDb = ContextDbRules.all();
}
