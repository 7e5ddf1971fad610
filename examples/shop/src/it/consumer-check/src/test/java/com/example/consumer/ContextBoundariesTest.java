package com.example.consumer;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.archunit.ContextDbRules;

@AnalyzeClasses(packages = "com.example.consumer")
class ContextBoundariesTest {

    @ArchTest
    static final ArchRule contextDb = ContextDbRules.all();
}
