package com.example.consumer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.archunit.ContextDbRules;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

@AnalyzeClasses(packages = "com.example.consumer")
class ContextBoundariesTest {

    @ArchTest
    static final ArchRule contextDb = ContextDbRules.all();

    /** What the issue promises: JPA and Spring Data JDBC contexts with no persistence configuration code. */
    @ArchTest
    static final ArchRule noPersistenceConfiguration = noClasses().should().beAnnotatedWith(Configuration.class)
            .orShould().beAnnotatedWith(EnableJpaRepositories.class)
            .orShould().beAnnotatedWith(EnableJdbcRepositories.class)
            .orShould().dependOnClassesThat().haveNameMatching("org\\.springframework\\.orm\\.jpa\\..*");
}
