package dev.contextdb.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The goal's parameters become the command's arguments, one for one and nothing else. */
class MoveMojoTest {

    @Test
    void eachParameterBecomesTheCommandsOption() {
        MoveMojo mojo = new MoveMojo();
        mojo.context = "inventory";
        mojo.to = "DATABASE";
        mojo.schema = "stock";
        mojo.url = "jdbc:postgresql://inventory-db/inventory";
        mojo.username = "inventory";
        mojo.password = "secret";
        mojo.application = "com.example.Shop";
        mojo.dryRun = true;
        mojo.profiles = "postgres,prod";
        mojo.arguments = " --context-db.datasource.url=jdbc:postgresql://db/shop   --debug=true ";
        assertThat(mojo.arguments()).containsExactly("inventory", "--to=DATABASE", "--schema=stock",
                "--url=jdbc:postgresql://inventory-db/inventory", "--username=inventory", "--password=secret",
                "--application=com.example.Shop", "--dry-run", "--spring.profiles.active=postgres,prod",
                "--context-db.datasource.url=jdbc:postgresql://db/shop", "--debug=true");
    }

    @Test
    void unsetParametersAreLeftOutForTheCommandToNameWhatIsMissing() {
        MoveMojo mojo = new MoveMojo();
        assertThat(mojo.arguments()).isEmpty();
        mojo.context = "inventory";
        mojo.to = "SCHEMA";
        mojo.rollback = true;
        assertThat(mojo.arguments()).containsExactly("inventory", "--to=SCHEMA", "--rollback");
        mojo.rollback = false;
        mojo.dropSource = true;
        assertThat(mojo.arguments()).containsExactly("inventory", "--to=SCHEMA", "--drop-source");
    }
}
